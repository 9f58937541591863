using GradRetentionNet.Testing;

namespace GradRetentionNet.Persistence.Tests;

/// <summary>One private PostgreSQL for the whole assembly; each test takes a fresh database from it.</summary>
public sealed class PostgresFixture : IDisposable
{
    int databases;

    public PostgresServer Server { get; } = PostgresServer.Start();

    /// <summary>A new empty database, named after the test for the server log.</summary>
    public Task<string> EmptyDatabaseAsync(string purpose) =>
        Server.CreateDatabaseAsync($"{purpose}_{Interlocked.Increment(ref databases)}".ToLowerInvariant());

    /// <summary>A new database carrying this build's schema.</summary>
    public async Task<string> MigratedDatabaseAsync(string purpose)
    {
        var connectionString = await EmptyDatabaseAsync(purpose);
        await new SchemaMigrator(connectionString).MigrateAsync();
        return connectionString;
    }

    public void Dispose() => Server.Dispose();
}

/// <summary>Every test class shares the server and runs one after another: each starts silos or processes, and the machine has 2 cores.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
