using GradRetentionNet.Data.Formats;

namespace GradRetentionNet.Data.Sources;

/// <summary>
/// Topic classification on real short texts, offline: the politics, sports, science and
/// computers files of Debian's <c>fortunes</c> package (quotations and jokes, not news), four
/// classes like AG_NEWS's four topics, split deterministically 80/20 per class.
/// </summary>
internal sealed class FortuneTopicsSource : IDatasetSource
{
    /// <summary>The topic files, in class order.</summary>
    public static readonly string[] Topics = ["politics", "sports", "science", "computers"];

    const double TestFraction = 0.2;

    public DatasetEntry Entry { get; } = new("fortunes-topics-4", "ag_news", TaskKind.TextClassification, Topics.Length, [],
        "2,526 real short texts in 4 topic classes - politics (703), sports (147), science (625), computers (1,051) - from the " +
        "Debian package fortunes; split deterministically 80/20 per class; offline (build/offline-data.sh). A topic-classification " +
        "stand-in for AG_NEWS: quotations and jokes, not news.", NeedsDownload: false);

    public LoadedDataset Load(DataOptions options)
    {
        var texts = new List<string>();
        var labels = new List<int>();
        string? folder = null;
        for (var topic = 0; topic < Topics.Length; topic++)
        {
            var path = DataFiles.Offline(Entry.Name, options, $"{Entry.Name}/{Topics[topic]}");
            folder ??= Path.GetDirectoryName(path);
            foreach (var text in FortuneFileReader.Read(path))
            {
                texts.Add(text);
                labels.Add(topic);
            }
        }
        var (train, test) = StratifiedSplit.Split(labels, (int)Math.Round(texts.Count * TestFraction));
        LabelledTexts Take(long[] indices) => new([.. indices.Select(i => texts[(int)i])], [.. indices.Select(i => labels[(int)i])]);
        return SplitFactory.Text(Entry, $"Debian package fortunes: {folder}/{{{string.Join(",", Topics)}}}", Take(train), Take(test), options);
    }
}
