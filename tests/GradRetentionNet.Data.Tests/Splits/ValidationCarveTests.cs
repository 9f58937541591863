using GradRetentionNet.Data.Splits;

namespace GradRetentionNet.Data.Tests.Splits;

public sealed class ValidationCarveTests
{
    // 100 examples of three classes, interleaved as a file would have them: 50, 30 and 20 of each.
    static readonly int[] Labels = [.. Enumerable.Range(0, 100).Select(i => i % 10 < 5 ? 0 : i % 10 < 8 ? 1 : 2)];

    [Fact]
    public void Each_class_gives_its_share_within_one_example_and_the_total_is_the_fraction_rounded()
    {
        var carve = ValidationCarve.Draw(Labels, 0.15, seed: 42);

        carve.Validation.Should().HaveCount(15);
        foreach (var (label, size) in new[] { (0, 50), (1, 30), (2, 20) })
        {
            var held = carve.Validation.Count(i => Labels[i] == label);
            ((double)held).Should().BeApproximately(0.15 * size, 0.999, $"class {label} has {size} examples");
        }
    }

    [Fact]
    public void Validation_and_training_are_disjoint_ascending_and_cover_the_split()
    {
        var carve = ValidationCarve.Draw(Labels, 0.2, seed: 42);

        carve.Train.Intersect(carve.Validation).Should().BeEmpty();
        carve.Train.Concat(carve.Validation).Order().Should().Equal(Enumerable.Range(0, 100).Select(i => (long)i));
        carve.Train.Should().BeInAscendingOrder();
        carve.Validation.Should().BeInAscendingOrder();
    }

    [Fact]
    public void The_same_seed_draws_the_same_examples_and_another_seed_others()
    {
        var first = ValidationCarve.Draw(Labels, 0.2, seed: 42);

        ValidationCarve.Draw(Labels, 0.2, seed: 42).Validation.Should().Equal(first.Validation);
        ValidationCarve.Draw(Labels, 0.2, seed: 7).Validation.Should().NotEqual(first.Validation);
    }

    [Fact]
    public void A_class_too_small_for_its_own_example_still_leaves_the_total_exact()
    {
        int[] labels = [.. Enumerable.Repeat(0, 100), .. Enumerable.Repeat(1, 3)];

        var carve = ValidationCarve.Draw(labels, 0.1, seed: 1);

        carve.Validation.Should().HaveCount(10);
        carve.Validation.Count(i => labels[i] == 1).Should().BeInRange(0, 1);
    }

    [Theory]
    [InlineData(0.1, "validation fraction 0.1 of 4 training examples leaves 0 for validation and 4 for training: raise the validation fraction or train on more examples (max-train-samples)")]
    [InlineData(0.9, "validation fraction 0.9 of 4 training examples leaves 4 for validation and 0 for training: lower the validation fraction or train on more examples (max-train-samples)")]
    public void A_carve_that_would_empty_a_side_is_a_one_line_error_saying_what_to_change(double fraction, string message)
    {
        var draw = () => ValidationCarve.Draw([0, 1, 0, 1], fraction, seed: 42);

        draw.Should().Throw<ArgumentException>().Which.Message.Should().Be(message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void A_fraction_outside_zero_to_one_is_refused(double fraction)
    {
        var draw = () => ValidationCarve.Draw(Labels, fraction, seed: 42);
        draw.Should().Throw<ArgumentOutOfRangeException>();
        var options = () => new DataOptions { ValidationFraction = fraction }.Validated();
        options.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(DataOptions.ValidationFraction));
    }
}
