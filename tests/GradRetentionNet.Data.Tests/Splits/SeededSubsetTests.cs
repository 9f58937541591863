using GradRetentionNet.Data.Splits;

namespace GradRetentionNet.Data.Tests.Splits;

public sealed class SeededSubsetTests
{
    [Fact]
    public void Same_seed_same_subset_different_seed_different_subset()
    {
        var a = SeededSubset.Indices(1000, 50, seed: 42);
        var b = SeededSubset.Indices(1000, 50, seed: 42);
        var c = SeededSubset.Indices(1000, 50, seed: 43);

        a.Should().Equal(b);
        a.Should().NotEqual(c);
        a.Should().HaveCount(50).And.OnlyHaveUniqueItems().And.BeInAscendingOrder();
        a.Should().OnlyContain(i => i >= 0 && i < 1000);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(10)]
    [InlineData(11)]
    public void No_subset_when_none_is_asked_or_all_fit(int? max)
    {
        SeededSubset.Indices(10, max, seed: 1).Should().BeNull();
    }
}
