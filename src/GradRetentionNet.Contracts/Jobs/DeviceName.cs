namespace GradRetentionNet.Contracts.Jobs;

/// <summary>A device as users write it: <c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>; checked without probing any device.</summary>
/// <param name="IsCuda">A CUDA device (else the CPU).</param>
/// <param name="Index">The CUDA device's index (-1 for the CPU).</param>
public sealed record DeviceName(bool IsCuda, int Index)
{
    /// <summary>Null for <c>auto</c>; throws a one-line <see cref="ArgumentException"/> for anything else unknown.</summary>
    public static DeviceName? Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "auto" => null,
        "cpu" => new DeviceName(false, -1),
        "cuda" => new DeviceName(true, 0),
        var cuda when cuda.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(cuda[5..], out var index) && index >= 0 => new DeviceName(true, index),
        _ => throw new ArgumentException($"invalid device '{text}': use auto, cpu or cuda:N"),
    };
}
