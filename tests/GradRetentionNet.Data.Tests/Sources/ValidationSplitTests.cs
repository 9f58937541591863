using GradRetentionNet.Data.Formats;
using GradRetentionNet.Data.Splits;
using GradRetentionNet.Data.Tests.Support;
using static TorchSharp.torch;

namespace GradRetentionNet.Data.Tests.Sources;

/// <summary>
/// The validation split carved out of real packaged data (build/offline-data.sh puts it in place)
/// for each kind of dataset: image classification, text and segmentation.
/// </summary>
public sealed class ValidationSplitTests
{
    [Fact]
    public void Digits_validation_is_carved_from_the_training_subset_stratified_by_digit()
    {
        PackagedData.Folder("mnist-digits-10k");
        var options = PackagedData.Options with { MaxTrainSamples = 2_000, MaxTestSamples = 500 };
        using var whole = (TensorDataset)DatasetCatalog.Load("mnist-digits-10k", options);
        using var carved = (TensorDataset)DatasetCatalog.Load("mnist-digits-10k", options with { ValidationFraction = 0.1 });

        carved.TrainCount.Should().Be(1_800);
        carved.ValidationCount.Should().Be(200);
        carved.Validation!.InputShape.Should().Equal(1, 28, 28);
        TensorAssert.Same(carved.Test.Images, whole.Test.Images);
        // Train and validation split the 2,000-example subset between them: no example in both, none lost.
        var trainKeys = ExampleKeys.Of(carved.Train.Images);
        var validationKeys = ExampleKeys.Of(carved.Validation.Images);
        trainKeys.Intersect(validationKeys).Should().BeEmpty();
        trainKeys.Concat(validationKeys).Order(StringComparer.Ordinal).Should().Equal(ExampleKeys.Of(whole.Train.Images));

        var subsetPerDigit = PerClass(((ImageSplit)whole.Train).Labels, 10);
        var validationPerDigit = PerClass(((ImageSplit)carved.Validation).Labels, 10);
        for (var digit = 0; digit < 10; digit++)
            ((double)validationPerDigit[digit]).Should().BeApproximately(0.1 * subsetPerDigit[digit], 0.999, $"digit {digit}");
    }

    [Fact]
    public void The_carve_is_the_same_on_every_load()
    {
        PackagedData.Folder("mnist-digits-10k");
        var options = PackagedData.Options with { MaxTrainSamples = 1_000, ValidationFraction = 0.2 };
        using var first = (TensorDataset)DatasetCatalog.Load("mnist-digits-10k", options);
        using var second = (TensorDataset)DatasetCatalog.Load("mnist-digits-10k", options);

        TensorAssert.Same(second.Validation!.Images, first.Validation!.Images);
        TensorAssert.Same(second.Train.Images, first.Train.Images);
    }

    [Fact]
    public void Imdb_sentences_validation_keeps_the_classes_balanced_and_is_carved_from_the_training_texts()
    {
        PackagedData.Folder("imdb-sentences");
        using var whole = (TextDataset)DatasetCatalog.Load("imdb-sentences", PackagedData.Options);
        using var carved = (TextDataset)DatasetCatalog.Load("imdb-sentences", PackagedData.Options with { ValidationFraction = 0.25 });

        carved.Train.Count.Should().Be(600);
        carved.ValidationCount.Should().Be(200);
        carved.Validation!.Labels.Count(l => l == 1).Should().Be(100);
        carved.Train.Labels.Count(l => l == 1).Should().Be(300);
        carved.Test.Texts.Should().Equal(whole.Test.Texts);
        // The 800 training sentences, each in exactly one of the two (the fixture repeats a few sentences, so compare as multisets).
        carved.Train.Texts.Concat(carved.Validation.Texts).Order(StringComparer.Ordinal)
            .Should().Equal(whole.Train.Texts.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Fortune_topics_validation_holds_each_topic_in_proportion()
    {
        PackagedData.Folder("fortunes-topics-4");
        using var whole = (TextDataset)DatasetCatalog.Load("fortunes-topics-4", PackagedData.Options);
        using var carved = (TextDataset)DatasetCatalog.Load("fortunes-topics-4", PackagedData.Options with { ValidationFraction = 0.15 });

        carved.ValidationCount.Should().Be((long)Math.Round(0.15 * whole.Train.Count, MidpointRounding.AwayFromZero));
        carved.TrainCount.Should().Be(whole.TrainCount - carved.ValidationCount);
        for (var topic = 0; topic < 4; topic++)
        {
            var inTraining = whole.Train.Labels.Count(l => l == topic);
            ((double)carved.Validation!.Labels.Count(l => l == topic)).Should().BeApproximately(0.15 * inTraining, 0.999, $"topic {topic}");
        }
    }

    [Fact]
    public void The_segmentation_sample_holds_out_one_of_its_three_photos_by_dominant_class()
    {
        var folder = PackagedData.Folder("voc-labelme-examples");
        using var whole = (TensorDataset)DatasetCatalog.Load("voc-labelme-examples", PackagedData.Options);
        using var carved = (TensorDataset)DatasetCatalog.Load("voc-labelme-examples", PackagedData.Options with { ValidationFraction = 0.34 });

        carved.TrainCount.Should().Be(2);
        carved.ValidationCount.Should().Be(1);
        carved.TestCount.Should().Be(3);
        var trainKeys = ExampleKeys.Of(carved.Train.Images);
        var validationKeys = ExampleKeys.Of(carved.Validation!.Images);
        trainKeys.Intersect(validationKeys).Should().BeEmpty();
        trainKeys.Concat(validationKeys).Order(StringComparer.Ordinal).Should().Equal(ExampleKeys.Of(whole.Train.Images));

        // Three photos with three different main objects: one stratum each, and the one share of a
        // validation example goes (equal remainders) to the lowest class id.
        var strata = SegmentationStrata.DominantClasses(VocSegmentationReader.Read(folder, "train"), classes: 21);
        strata.Should().OnlyHaveUniqueItems().And.NotContain(0);
        var expected = Array.IndexOf(strata, strata.Min());
        using var expectedMask = ((SegmentationSplit)whole.Train).Masks[expected].unsqueeze(0);
        TensorAssert.Same(((SegmentationSplit)carved.Validation).Masks, expectedMask);
    }

    [Theory]
    [InlineData(0.9, "validation fraction 0.9 of 3 training examples leaves 3 for validation and 0 for training: lower the validation fraction*")]
    [InlineData(0.1, "validation fraction 0.1 of 3 training examples leaves 0 for validation and 3 for training: raise the validation fraction*")]
    public void A_fraction_that_empties_a_side_of_a_tiny_set_is_a_one_line_error(double fraction, string message)
    {
        PackagedData.Folder("voc-labelme-examples");

        var load = () => DatasetCatalog.Load("voc-labelme-examples", PackagedData.Options with { ValidationFraction = fraction });

        load.Should().Throw<ArgumentException>().Which.Message.Should().Match(message).And.NotContain("\n");
    }

    static long[] PerClass(Tensor labels, int classes)
    {
        using var counts = bincount(labels, minlength: classes);
        return counts.data<long>().ToArray();
    }
}
