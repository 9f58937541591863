namespace GradRetentionNet.Persistence;

/// <summary>One step of the schema: its version (the order steps are applied in), its name and its SQL.</summary>
public sealed record Migration(int Version, string Name, string Sql)
{
    /// <summary>How the step is named in files and in output, e.g. <c>0002_orleans_membership</c>.</summary>
    public string Id => $"{Version:D4}_{Name}";

    public override string ToString() => Id;
}
