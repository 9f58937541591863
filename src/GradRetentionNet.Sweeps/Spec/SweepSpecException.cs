namespace GradRetentionNet.Sweeps.Spec;

/// <summary>A sweep spec that cannot run: one line naming the field, what is wrong and what is allowed.</summary>
public sealed class SweepSpecException(string source, string field, string message)
    : ArgumentException($"{source}: {field}: {message}")
{
    public string Field { get; } = field;
}
