using static TorchSharp.torch;

namespace GradRetentionNet.Data.Tests.Support;

public static class TensorAssert
{
    /// <summary>Same shape, dtype and values.</summary>
    public static void Same(Tensor actual, Tensor expected)
    {
        actual.shape.Should().Equal(expected.shape);
        actual.dtype.Should().Be(expected.dtype);
        using var equal = actual.eq(expected).all();
        equal.item<bool>().Should().BeTrue("the tensors' values should be equal");
    }
}
