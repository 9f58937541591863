using GradRetentionNet.Persistence;

namespace GradRetentionNet.Silo;

/// <summary>Silo:MigrateOnStart: applies the PostgreSQL schema as the host starts, before the silo does.</summary>
internal sealed class SchemaMigrationService(SchemaMigrator migrator, ILogger<SchemaMigrationService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var report = await migrator.MigrateAsync(cancellationToken);
        if (report.Applied.Count == 0)
            logger.LogInformation("Database schema is up to date at version {SchemaVersion}", report.SchemaVersion);
        else
            logger.LogInformation("Database schema migrated to version {SchemaVersion}: applied {Migrations}", report.SchemaVersion, string.Join(", ", report.Applied));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
