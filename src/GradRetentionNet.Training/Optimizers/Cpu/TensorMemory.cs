using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Optimizers.Cpu;

/// <summary>The elements of a contiguous float32 CPU tensor as a span over the tensor's own memory (no copy).</summary>
internal static class TensorMemory
{
    public static bool IsHostFloats(Tensor tensor) =>
        tensor.device_type == DeviceType.CPU && tensor.dtype == ScalarType.Float32 && tensor.is_contiguous();

    /// <summary>Valid while <paramref name="tensor"/> lives and keeps its storage.</summary>
    public static unsafe Span<float> Floats(Tensor tensor)
    {
        if (!IsHostFloats(tensor)) throw new ArgumentException("only a contiguous float32 CPU tensor's memory can be read in place", nameof(tensor));
        // storage<float>() of a float32 tensor aliases it (an extra handle, left to the dispose scope).
        using var storage = tensor.storage<float>();
        var start = storage.data_ptr() + checked((nint)(tensor.storage_offset() * sizeof(float)));
        return new Span<float>((void*)start, checked((int)tensor.numel()));
    }
}
