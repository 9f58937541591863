using GradRetentionNet.Data.Sources;
using GradRetentionNet.Data.Splits;

namespace GradRetentionNet.Data;

/// <summary>
/// Every dataset GradRetentionNet can train on, by name. The offline ones need no download
/// (build/offline-data.sh sets them up; <c>cifar10-generated</c> is generated on first use);
/// the others are the original project's datasets, fetched by <c>grn data prepare NAME</c>
/// into the data root.
/// </summary>
public static class DatasetCatalog
{
    static readonly IReadOnlyList<IDatasetSource> Sources =
    [
        new IdxSource(new("fashion-mnist", "mnist", TaskKind.ImageClassification, 10, [1, 28, 28],
                "Fashion-MNIST (Zalando): 60,000 train / 10,000 test 28x28 greyscale images of 10 clothing classes in MNIST's " +
                "IDX format, from the Debian package dataset-fashion-mnist; offline (build/offline-data.sh). " +
                "A harder drop-in for MNIST, not MNIST.", NeedsDownload: false),
            "fashion-mnist", ImageNormalization.FashionMnist, "Debian package dataset-fashion-mnist"),
        new MnistDigits10kSource(),
        new Cifar10GeneratedSource(),
        new ImdbSentencesSource(),
        new FortuneTopicsSource(),
        new VocSource(new("voc-labelme-examples", "voc", TaskKind.Segmentation, 21, [3, 224, 224],
                "3 real Pascal VOC photos (2011_000003 bottle, person; 2011_000006 chair, person, sofa; 2011_000025 bus, car) " +
                "with VOC-format palette masks, 21 classes, 255 = void, from the Debian package labelme-examples; offline " +
                "(build/offline-data.sh). Train and test are the SAME 3 images: a smoke test of the segmentation pipeline, " +
                "not a benchmark.", NeedsDownload: false),
            "voc-labelme-examples", "Debian package labelme-examples (examples/semantic_segmentation/data_dataset_voc)"),
        new IdxSource(new("mnist", "mnist", TaskKind.ImageClassification, 10, [1, 28, 28],
                "MNIST: 60,000 train / 10,000 test 28x28 handwritten digits, IDX files; download with `grn data prepare mnist`.",
                NeedsDownload: true),
            "mnist", ImageNormalization.Mnist, "MNIST IDX files"),
        new Cifar10Source(),
        new ParquetTextSource(new("imdb", "imdb", TaskKind.TextClassification, 2, [],
                "IMDB movie reviews: 25,000 train / 25,000 test, negative (0) / positive (1), Parquet (text, label); " +
                "download with `grn data prepare imdb`.", NeedsDownload: true), "imdb"),
        new ParquetTextSource(new("ag_news", "ag_news", TaskKind.TextClassification, 4, [],
                "AG News: 120,000 train / 7,600 test news articles in 4 topics (World, Sports, Business, Sci/Tech), Parquet " +
                "(text, label); download with `grn data prepare ag_news`.", NeedsDownload: true), "ag_news"),
        new VocSource(new("voc2012", "voc", TaskKind.Segmentation, 21, [3, 224, 224],
                "Pascal VOC 2012 segmentation: 1,464 train / 1,449 val photos with palette masks, 21 classes, 255 = void, " +
                "resized to 224 (DataOptions.ImageSize); download with `grn data prepare voc2012`.", NeedsDownload: true),
            "voc2012/VOCdevkit/VOC2012", "Pascal VOC 2012"),
    ];

    static readonly IReadOnlyDictionary<string, IDatasetSource> ByName =
        Sources.ToDictionary(s => s.Entry.Name, StringComparer.Ordinal);

    /// <summary>Every dataset, offline ones first.</summary>
    public static IReadOnlyList<DatasetEntry> All { get; } = [.. Sources.Select(s => s.Entry)];

    /// <summary>The known names.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Sources.Select(s => s.Entry.Name)];

    /// <summary>The entry of <paramref name="name"/>; throws a one-line <see cref="ArgumentException"/> listing the known names.</summary>
    public static DatasetEntry Find(string name) => Source(name).Entry;

    /// <summary>
    /// Loads <paramref name="name"/>: a <see cref="TensorDataset"/> for image classification and
    /// segmentation, a <see cref="TextDataset"/> for text. Throws <see cref="ArgumentException"/>
    /// for an unknown name, <see cref="DatasetNotAvailableException"/> when its files are missing,
    /// <see cref="InvalidDataException"/> when a file is malformed. The caller disposes the result.
    /// </summary>
    public static LoadedDataset Load(string name, DataOptions? options = null) =>
        Source(name).Load((options ?? new DataOptions()).Validated());

    static IDatasetSource Source(string name) =>
        ByName.TryGetValue(name, out var source)
            ? source
            : throw new ArgumentException($"unknown dataset '{name}': use one of {string.Join(", ", Names)}");
}
