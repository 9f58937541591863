using GradRetentionNet.Data.Formats;
using GradRetentionNet.Data.Splits;
using GradRetentionNet.Data.Tests.Support;
using Parquet.Serialization;

namespace GradRetentionNet.Data.Tests.Sources;

/// <summary>The catalogue's entries, errors and the downloaded datasets' layouts (tiny files in a temporary data root).</summary>
public sealed class DatasetCatalogTests : IDisposable
{
    readonly TempDirectory root = new();

    public void Dispose() => root.Dispose();

    DataOptions Options => new() { DataRoot = root.Path, OfflineDataHome = Path.Combine(root.Path, "offline") };

    [Fact]
    public void Entries_have_unique_names_known_families_and_honest_download_flags()
    {
        var all = DatasetCatalog.All;

        all.Select(e => e.Name).Should().OnlyHaveUniqueItems();
        all.Select(e => e.Family).Should().OnlyContain(f => new[] { "mnist", "cifar10", "imdb", "ag_news", "voc" }.Contains(f));
        all.Where(e => e.NeedsDownload).Select(e => e.Name).Should().BeEquivalentTo("mnist", "cifar10", "imdb", "ag_news", "voc2012");
        all.Where(e => !e.NeedsDownload).Select(e => e.Name)
            .Should().BeEquivalentTo("fashion-mnist", "mnist-digits-10k", "cifar10-generated", "imdb-sentences", "fortunes-topics-4", "voc-labelme-examples");
        all.Where(e => e.Task == TaskKind.TextClassification).Should().OnlyContain(e => e.InputShape.Count == 0);
        all.Where(e => e.Task != TaskKind.TextClassification).Should().OnlyContain(e => e.InputShape.Count == 3);
        DatasetCatalog.Find("ag_news").Classes.Should().Be(4);
        DatasetCatalog.Find("cifar10-generated").Description.Should().Contain("SYNTHETIC");
    }

    [Fact]
    public void Unknown_name_lists_the_known_ones()
    {
        var load = () => DatasetCatalog.Load("cifar100", Options);

        load.Should().Throw<ArgumentException>()
            .WithMessage($"unknown dataset 'cifar100': use one of {string.Join(", ", DatasetCatalog.Names)}");
    }

    [Fact]
    public void Missing_downloaded_dataset_says_what_is_missing_and_how_to_get_it()
    {
        var load = () => DatasetCatalog.Load("mnist", Options);

        var error = load.Should().Throw<DatasetNotAvailableException>().Which;
        error.Message.Should().StartWith($"dataset 'mnist' is not available: {Path.Combine(root.Path, "mnist")} is missing; get it with `grn data prepare mnist`");
        error.Message.Should().NotContain("\n");
    }

    [Fact]
    public void Missing_file_of_a_partly_downloaded_dataset_is_named()
    {
        for (var b = 1; b <= 4; b++) File.WriteAllBytes(root.File($"cifar10/cifar-10-batches-bin/data_batch_{b}.bin"), new byte[3073]);

        var load = () => DatasetCatalog.Load("cifar10", Options);

        load.Should().Throw<DatasetNotAvailableException>()
            .WithMessage($"dataset 'cifar10' is not available: {root.File("cifar10/cifar-10-batches-bin/data_batch_5.bin")} is missing; get it with `grn data prepare cifar10`*");
    }

    [Fact]
    public void Missing_offline_dataset_points_at_the_offline_script()
    {
        var load = () => DatasetCatalog.Load("imdb-sentences", Options);

        load.Should().Throw<DatasetNotAvailableException>().WithMessage("*is missing; run build/offline-data.sh to set up the offline data*");
    }

    [Fact]
    public void Mnist_layout_with_gzip_files()
    {
        IdxWriter.WriteMnistPair(root.File("mnist/train-images-idx3-ubyte.gz"), root.File("mnist/train-labels-idx1-ubyte.gz"), 30, gzip: true);
        IdxWriter.WriteMnistPair(root.File("mnist/t10k-images-idx3-ubyte"), root.File("mnist/t10k-labels-idx1-ubyte"), 12, gzip: false);

        using var dataset = (TensorDataset)DatasetCatalog.Load("mnist", Options with { MaxTrainSamples = 20 });

        dataset.TrainCount.Should().Be(20);
        dataset.TestCount.Should().Be(12);
        dataset.InputShape.Should().Equal(1, 28, 28);
        dataset.Normalization.Should().BeSameAs(ImageNormalization.Mnist);
        dataset.Info.Should().Be(new DatasetInfo("mnist", "mnist", TaskKind.ImageClassification, 10, $"MNIST IDX files: {Path.Combine(root.Path, "mnist")}"));
        using var batch = dataset.Train.Batches(64, TorchSharp.torch.CPU).Single();
        batch.Input.shape.Should().Equal(20, 1, 28, 28);
    }

    [Fact]
    public void Classification_datasets_refuse_another_image_size()
    {
        IdxWriter.WriteMnistPair(root.File("mnist/train-images-idx3-ubyte"), root.File("mnist/train-labels-idx1-ubyte"), 3, gzip: false);
        IdxWriter.WriteMnistPair(root.File("mnist/t10k-images-idx3-ubyte"), root.File("mnist/t10k-labels-idx1-ubyte"), 3, gzip: false);

        var load = () => DatasetCatalog.Load("mnist", Options with { ImageSize = 32 });

        load.Should().Throw<ArgumentException>().WithMessage("mnist images are 28x28; ImageSize (32) only resizes segmentation datasets");
    }

    [Fact]
    public void Cifar10_layout()
    {
        var folder = "cifar10/cifar-10-batches-bin";
        for (var b = 1; b <= 5; b++) CifarBinaryWriter.Write(root.File($"{folder}/data_batch_{b}.bin"), Images(4, (byte)b));
        CifarBinaryWriter.Write(root.File($"{folder}/test_batch.bin"), Images(3, 9));

        using var dataset = (TensorDataset)DatasetCatalog.Load("cifar10", Options);

        dataset.TrainCount.Should().Be(20);
        dataset.TestCount.Should().Be(3);
        dataset.InputShape.Should().Equal(3, 32, 32);
        dataset.Normalization.Should().BeSameAs(ImageNormalization.Cifar10);
        ((ImageSplit)dataset.Train).Labels.data<long>().ToArray().Should().Equal(
            Enumerable.Range(1, 5).SelectMany(b => Enumerable.Repeat((long)b, 4)));

        static LabelledImages Images(int count, byte label) =>
            new(new byte[count * 3072], Enumerable.Repeat(label, count).ToArray(), 3, 32, 32);
    }

    sealed class Row
    {
        public string text { get; set; } = "";
        public long label { get; set; }
    }

    [Theory]
    [InlineData("imdb", 2)]
    [InlineData("ag_news", 4)]
    public async Task Text_layouts_are_parquet_with_text_and_label(string name, int classes)
    {
        var rows = Enumerable.Range(0, 10).Select(i => new Row { text = $"text {i}", label = i % classes }).ToList();
        await ParquetSerializer.SerializeAsync(rows, root.File($"{name}/train.parquet"));
        await ParquetSerializer.SerializeAsync(rows.Take(4), root.File($"{name}/test.parquet"));

        using var dataset = (TextDataset)DatasetCatalog.Load(name, Options with { MaxTestSamples = 3 });

        dataset.Entry.Classes.Should().Be(classes);
        dataset.Train.Texts.Should().Equal(rows.Select(r => r.text));
        dataset.Train.Labels.Should().Equal(rows.Select(r => (int)r.label));
        dataset.Test.Count.Should().Be(3);
        using var encoded = dataset.Train.Encode(new CharacterEncoder(), 16);
        encoded.Count.Should().Be(10);
    }

    [Fact]
    public async Task A_label_beyond_the_classes_names_the_file_and_row()
    {
        await ParquetSerializer.SerializeAsync(new[] { new Row { text = "a", label = 1 }, new Row { text = "b", label = 4 } }, root.File("ag_news/train.parquet"));
        await ParquetSerializer.SerializeAsync(new[] { new Row { text = "c", label = 0 } }, root.File("ag_news/test.parquet"));

        var load = () => DatasetCatalog.Load("ag_news", Options);

        load.Should().Throw<InvalidDataException>().WithMessage($"{root.File("ag_news/train.parquet")}: row 1: expected a label in 0..3, found 4");
    }

    [Fact]
    public void Voc2012_layout_resized_to_the_asked_size()
    {
        TinyVoc.Write(Path.Combine(root.Path, "voc2012", "VOCdevkit", "VOC2012"), count: 3);

        using var dataset = (TensorDataset)DatasetCatalog.Load("voc2012", Options with { ImageSize = 32, MaxTrainSamples = 2 });

        dataset.Entry.Task.Should().Be(TaskKind.Segmentation);
        dataset.TrainCount.Should().Be(2);
        dataset.TestCount.Should().Be(3);
        dataset.InputShape.Should().Equal(3, 32, 32);
        dataset.Normalization.Should().BeSameAs(ImageNormalization.ImageNet);
        using var batch = dataset.Test.Batches(4, TorchSharp.torch.CPU).Single();
        batch.Target.shape.Should().Equal(3, 32, 32);
        batch.Target.max().item<long>().Should().Be(255);
    }

    [Theory]
    [InlineData(0, null, null)]
    [InlineData(null, -1, null)]
    [InlineData(null, null, 0)]
    public void Non_positive_counts_and_sizes_are_rejected(int? maxTrain, int? maxTest, int? imageSize)
    {
        var load = () => DatasetCatalog.Load("mnist", Options with { MaxTrainSamples = maxTrain, MaxTestSamples = maxTest, ImageSize = imageSize });

        load.Should().Throw<ArgumentOutOfRangeException>();
    }
}
