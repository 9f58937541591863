using Npgsql;

namespace GradRetentionNet.Persistence;

/// <summary>
/// Brings a PostgreSQL database up to this build's schema: applies the migrations it lacks, in
/// order, each in its own transaction, and records each in <c>grn_schema_migrations</c>.
/// Runs are serialised by an advisory lock, so silos that start together with MigrateOnStart
/// (or a migrate command racing a silo) apply each migration exactly once; a second run applies
/// nothing. A database migrated by a newer build is refused untouched.
/// </summary>
public sealed class SchemaMigrator(string connectionString, IReadOnlyList<Migration>? migrations = null)
{
    /// <summary>The advisory lock every GradRetentionNet migrator takes ("grn_mig" in ASCII): any fixed number would do.</summary>
    const long LockKey = 0x67726e5f6d6967;

    readonly IReadOnlyList<Migration> migrations = migrations is null ? MigrationCatalog.Embedded : MigrationCatalog.CheckOrder(migrations);

    /// <summary>The newest version this build knows (0: none).</summary>
    int KnownVersion => migrations.Count == 0 ? 0 : migrations[^1].Version;

    public async Task<MigrationReport> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // A session lock, held across the per-migration transactions; the server drops it if this process dies.
        await ExecuteAsync(connection, "SELECT pg_advisory_lock(@key)", cancellationToken, ("key", LockKey));
        try
        {
            await ExecuteAsync(connection, """
                CREATE TABLE IF NOT EXISTS grn_schema_migrations
                (
                    version    integer     NOT NULL PRIMARY KEY,
                    name       text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, cancellationToken);
            var history = await ReadHistoryAsync(connection, cancellationToken);
            CheckCompatible(history);

            var applied = new List<Migration>();
            foreach (var migration in migrations.Where(m => !history.ContainsKey(m.Version)))
            {
                await ApplyAsync(connection, migration, cancellationToken);
                applied.Add(migration);
            }
            return new MigrationReport(applied, KnownVersion);
        }
        finally
        {
            if (connection.State == System.Data.ConnectionState.Open)
                await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None, ("key", LockKey));
        }
    }

    void CheckCompatible(IReadOnlyDictionary<int, string> history)
    {
        var newest = history.Count == 0 ? 0 : history.Keys.Max();
        if (newest > KnownVersion)
            throw new IncompatibleSchemaException(
                $"the database schema is at version {newest} ({history[newest]}), newer than this build knows (version {KnownVersion}): use a grn-silo at least as new as the one that migrated it");
        foreach (var migration in migrations)
            if (history.TryGetValue(migration.Version, out var name) && name != migration.Name)
                throw new IncompatibleSchemaException(
                    $"the database records migration {migration.Version} as '{name}' but this build calls it '{migration.Name}': it was migrated from a different schema history");
    }

    static async Task<Dictionary<int, string>> ReadHistoryAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var history = new Dictionary<int, string>();
        await using var command = new NpgsqlCommand("SELECT version, name FROM grn_schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) history[reader.GetInt32(0)] = reader.GetString(1);
        return history;
    }

    static async Task ApplyAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await using (var command = new NpgsqlCommand(migration.Sql, connection, transaction))
                await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            throw new MigrationFailedException(migration, e);
        }
        await using (var record = new NpgsqlCommand("INSERT INTO grn_schema_migrations (version, name) VALUES (@version, @name)", connection, transaction))
        {
            record.Parameters.AddWithValue("version", migration.Version);
            record.Parameters.AddWithValue("name", migration.Name);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
