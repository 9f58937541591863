using System.Text;
using GradRetentionNet.Data.Download;

namespace GradRetentionNet.Data.Tests.Download;

/// <summary>Tiny versions of the five official datasets, and a catalog whose checksums are theirs.</summary>
internal static class TinyDatasets
{
    public static TinyDataset ByName(string name) => name switch
    {
        "mnist" => Mnist(),
        "cifar10" => Cifar10(),
        "voc2012" => Voc2012(),
        "imdb" => Imdb(),
        "ag_news" => AgNews(),
        _ => throw new ArgumentException($"no tiny dataset '{name}'"),
    };

    /// <summary>The official catalog with the given datasets' sizes and checksums replaced by their tiny files'.</summary>
    public static SourceCatalog Catalog(params TinyDataset[] datasets) =>
        datasets.Aggregate(SourceCatalog.Official, (catalog, d) => catalog.With(d.Source()));

    /// <summary>Four gzipped IDX files: 3 train and 2 test images of 28×28 with their labels.</summary>
    public static TinyDataset Mnist()
    {
        var files = new Dictionary<string, byte[]>
        {
            ["train-images-idx3-ubyte.gz"] = TinyFormats.IdxImagesGz(3, 28, 28),
            ["train-labels-idx1-ubyte.gz"] = TinyFormats.IdxLabelsGz(5, 0, 4),
            ["t10k-images-idx3-ubyte.gz"] = TinyFormats.IdxImagesGz(2, 28, 28),
            ["t10k-labels-idx1-ubyte.gz"] = TinyFormats.IdxLabelsGz(7, 2),
        };
        return new TinyDataset("mnist", files, files);
    }

    /// <summary>cifar-10-binary.tar.gz holding cifar-10-batches-bin/ with six 2-record batches and batches.meta.txt.</summary>
    public static TinyDataset Cifar10()
    {
        var layout = new Dictionary<string, byte[]>();
        for (var batch = 1; batch <= 5; batch++)
            layout[$"cifar-10-batches-bin/data_batch_{batch}.bin"] = TinyFormats.CifarRecords(2, batch);
        layout["cifar-10-batches-bin/test_batch.bin"] = TinyFormats.CifarRecords(2, 6);
        layout["cifar-10-batches-bin/batches.meta.txt"] =
            Encoding.ASCII.GetBytes("airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n");
        var archive = TinyFormats.Tar(
            layout.Select(kv => (kv.Key, (byte[]?)kv.Value)).Prepend(("cifar-10-batches-bin/", null)), gzip: true);
        return new TinyDataset("cifar10", new Dictionary<string, byte[]> { ["cifar-10-binary.tar.gz"] = archive }, layout);
    }

    /// <summary>VOCtrainval_11-May-2012.tar holding VOCdevkit/VOC2012 with one train and one val sample.</summary>
    public static TinyDataset Voc2012()
    {
        const string root = "VOCdevkit/VOC2012/";
        var layout = new Dictionary<string, byte[]>
        {
            [root + "JPEGImages/2007_000032.jpg"] = TinyVocImages.Jpeg,
            [root + "JPEGImages/2007_000039.jpg"] = TinyVocImages.Jpeg,
            [root + "SegmentationClass/2007_000032.png"] = TinyVocImages.PaletteMask,
            [root + "SegmentationClass/2007_000039.png"] = TinyVocImages.PaletteMask,
            [root + "ImageSets/Segmentation/train.txt"] = Encoding.ASCII.GetBytes("2007_000032\n"),
            [root + "ImageSets/Segmentation/val.txt"] = Encoding.ASCII.GetBytes("2007_000039\n"),
        };
        (string, byte[]?)[] folders =
        [
            ("VOCdevkit/", null), (root, null), (root + "JPEGImages/", null), (root + "SegmentationClass/", null),
            (root + "ImageSets/", null), (root + "ImageSets/Segmentation/", null),
        ];
        var archive = TinyFormats.Tar(folders.Concat(layout.Select(kv => (kv.Key, (byte[]?)kv.Value))), gzip: false);
        return new TinyDataset("voc2012", new Dictionary<string, byte[]> { ["VOCtrainval_11-May-2012.tar"] = archive }, layout);
    }

    /// <summary>train.parquet and test.parquet with the text/label columns of stanfordnlp/imdb (labels 0 and 1).</summary>
    public static TinyDataset Imdb()
    {
        var files = new Dictionary<string, byte[]>
        {
            ["train.parquet"] = TinyFormats.TextParquet(("test review, liked it", 1), ("test review, did not like it", 0), ("another liked one", 1)),
            ["test.parquet"] = TinyFormats.TextParquet(("held-out review, disliked", 0), ("held-out review, liked", 1)),
        };
        return new TinyDataset("imdb", files, files);
    }

    /// <summary>train.parquet and test.parquet with the text/label columns of fancyzhx/ag_news (labels 0–3).</summary>
    public static TinyDataset AgNews()
    {
        var files = new Dictionary<string, byte[]>
        {
            ["train.parquet"] = TinyFormats.TextParquet(("world item", 0), ("sports item", 1), ("business item", 2), ("sci/tech item", 3)),
            ["test.parquet"] = TinyFormats.TextParquet(("held-out sports item", 1), ("held-out sci/tech item", 3)),
        };
        return new TinyDataset("ag_news", files, files);
    }
}
