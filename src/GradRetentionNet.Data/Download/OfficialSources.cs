namespace GradRetentionNet.Data.Download;

/// <summary>
/// Where the real datasets are published, with the sizes and checksums their publishers give. MD5 where the host
/// publishes MD5 (torchvision's MNIST list, the CIFAR page, torchvision's VOC list); SHA-256 for Hugging Face, whose
/// LFS pointers record it. Hugging Face files are fetched at a pinned commit so that the recorded hashes stay valid
/// when the repository's main branch moves.
/// </summary>
internal static class OfficialSources
{
    public static IReadOnlyList<DatasetSource> All { get; } = [Mnist(), Cifar10(), Voc2012(), Imdb(), AgNews()];

    private static DatasetSource Mnist()
    {
        // torchvision's mirror list: the S3 copy first, Yann LeCun's page second (it often refuses scripted downloads).
        static SourceFile File(string name, long size, string md5) => new(name,
            [new Uri($"https://ossci-datasets.s3.amazonaws.com/mnist/{name}"), new Uri($"http://yann.lecun.com/exdb/mnist/{name}")],
            size, Checksum.Md5(md5));
        SourceFile[] files =
        [
            File("train-images-idx3-ubyte.gz", 9_912_422, "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
            File("train-labels-idx1-ubyte.gz", 28_881, "d53e105ee54ea40749a09fcbcd1e9432"),
            File("t10k-images-idx3-ubyte.gz", 1_648_877, "9fb629c4189551a2d022fa330f9573f3"),
            File("t10k-labels-idx1-ubyte.gz", 4_542, "ec29112dd5afa0611ce80d1b7f02629c"),
        ];
        return new DatasetSource("mnist", "MNIST handwritten digits, 60,000/10,000 28x28 (IDX files, kept gzipped)",
            files, files.Select(f => f.FileName).ToArray());
    }

    private static DatasetSource Cifar10() => new(
        "cifar10",
        "CIFAR-10, 50,000/10,000 32x32 colour images in 10 classes (binary version, University of Toronto)",
        [
            new SourceFile("cifar-10-binary.tar.gz", [new Uri("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz")],
                170_052_171, Checksum.Md5("c32a1d4ab5d03f1284b67883e8d87530"), SourceFileKind.TarGzip),
        ],
        [
            "cifar-10-batches-bin/data_batch_1.bin", "cifar-10-batches-bin/data_batch_2.bin", "cifar-10-batches-bin/data_batch_3.bin",
            "cifar-10-batches-bin/data_batch_4.bin", "cifar-10-batches-bin/data_batch_5.bin", "cifar-10-batches-bin/test_batch.bin",
        ]);

    private static DatasetSource Voc2012() => new(
        "voc2012",
        "PASCAL VOC 2012 trainval (segmentation: 1,464 train / 1,449 val, 21 classes, 255 = void), 2 GB tar",
        [
            new SourceFile("VOCtrainval_11-May-2012.tar",
                [
                    new Uri("http://host.robots.ox.ac.uk/pascal/VOC/voc2012/VOCtrainval_11-May-2012.tar"),
                    // The host the official address redirects to, in case the redirect itself goes away.
                    new Uri("https://thor.robots.ox.ac.uk/pascal/VOC/voc2012/VOCtrainval_11-May-2012.tar"),
                ],
                1_999_639_040, Checksum.Md5("6cd6e144f989b92b3379bac3b3de84fd"), SourceFileKind.Tar),
        ],
        [
            "VOCdevkit/VOC2012/ImageSets/Segmentation/train.txt", "VOCdevkit/VOC2012/ImageSets/Segmentation/val.txt",
            "VOCdevkit/VOC2012/JPEGImages", "VOCdevkit/VOC2012/SegmentationClass",
        ]);

    private static DatasetSource Imdb() => HuggingFace(
        "imdb", "IMDB movie reviews, 25,000/25,000, 2 classes (stanfordnlp/imdb, plain_text)",
        "stanfordnlp/imdb", "e6281661ce1c48d982bc483cf8a173c1bbeb5d31",
        ("train.parquet", "plain_text/train-00000-of-00001.parquet", 20_979_968, "db47d16b5c297cc0dd625e519c81319c24c9149e70e8496de5475f6fa928342c"),
        ("test.parquet", "plain_text/test-00000-of-00001.parquet", 20_470_363, "b52e26e2f872d282ffac460bf9770b25ac6f102cda0e6ca7158df98c94e8b3da"));

    private static DatasetSource AgNews() => HuggingFace(
        "ag_news", "AG News topics, 120,000/7,600, 4 classes (fancyzhx/ag_news)",
        "fancyzhx/ag_news", "eb185aade064a813bc0b7f42de02595523103ca4",
        ("train.parquet", "data/train-00000-of-00001.parquet", 18_585_438, "fc508d6d9868594e3da960a8cfeb63ab5a4746598b93428c224397080c1f52ee"),
        ("test.parquet", "data/test-00000-of-00001.parquet", 1_234_829, "71de87ec66bc5737752a2502204dfa6d7fe9856ade3ea444dc6317789a4f13fb"));

    private static DatasetSource HuggingFace(string name, string description, string repository, string revision,
        params (string FileName, string RepositoryPath, long Size, string Sha256)[] files)
    {
        var sourceFiles = files.Select(f => new SourceFile(f.FileName,
            [new Uri($"https://huggingface.co/datasets/{repository}/resolve/{revision}/{f.RepositoryPath}")],
            f.Size, Checksum.Sha256(f.Sha256))).ToArray();
        return new DatasetSource(name, description, sourceFiles, sourceFiles.Select(f => f.FileName).ToArray());
    }
}
