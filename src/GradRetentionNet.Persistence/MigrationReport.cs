namespace GradRetentionNet.Persistence;

/// <summary>What one migrator run did: the migrations it applied (none when the schema was current) and the version the schema is at now.</summary>
public sealed record MigrationReport(IReadOnlyList<Migration> Applied, int SchemaVersion);
