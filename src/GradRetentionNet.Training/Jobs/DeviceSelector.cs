using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Jobs;

/// <summary>Turns <c>auto</c>, <c>cpu</c> or <c>cuda:N</c> into a device, with one-line errors.</summary>
public static class DeviceSelector
{
    /// <summary>Checks the syntax only (no device probing).</summary>
    public static (DeviceType Type, int Index)? Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "auto" => null,
        "cpu" => (DeviceType.CPU, -1),
        "cuda" => (DeviceType.CUDA, 0),
        var cuda when cuda.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(cuda[5..], out var index) && index >= 0 => (DeviceType.CUDA, index),
        _ => throw new ArgumentException($"invalid device '{text}': use auto, cpu or cuda:N"),
    };

    /// <summary>CUDA devices usable by this process (0 on a CPU build or a machine without a GPU).</summary>
    public static int CudaDeviceCount() => torch.cuda.is_available() ? torch.cuda.device_count() : 0;

    /// <summary>The device to train on: auto picks the first GPU when one is usable, else the CPU.</summary>
    public static Device Resolve(string text)
    {
        var parsed = Parse(text);
        if (parsed is null) return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
        var (type, index) = parsed.Value;
        if (type == DeviceType.CPU) return torch.CPU;
        if (!torch.cuda.is_available())
            throw new ArgumentException($"device '{text}' asked for, but no CUDA device is usable here (build with -p:TorchBackend=cuda on a GPU machine, or use --device cpu)");
        var count = torch.cuda.device_count();
        if (index >= count)
            throw new ArgumentException($"device '{text}' does not exist: this machine has {count} CUDA device(s), cuda:0 to cuda:{count - 1}");
        return torch.device(DeviceType.CUDA, index);
    }
}
