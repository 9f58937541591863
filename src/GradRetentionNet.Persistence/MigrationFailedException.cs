namespace GradRetentionNet.Persistence;

/// <summary>A migration's SQL failed; its transaction was rolled back and it is not recorded as applied.</summary>
public sealed class MigrationFailedException(Migration migration, Exception inner)
    : Exception($"migration {migration.Id} failed and was rolled back: {inner.Message.ReplaceLineEndings(" ")}", inner)
{
    public Migration Migration { get; } = migration;
}
