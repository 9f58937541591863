using GradRetentionNet.Persistence;
using GradRetentionNet.Testing;

namespace GradRetentionNet.Benchmarks.Orchestration;

/// <summary>
/// The backend behind the cluster's "sweeps" storage, registered under <see cref="BackendName"/>
/// (the counting decorator takes the name "sweeps" and hands every call on to it): Orleans'
/// memory storage, or a private PostgreSQL 15 server carrying the project's schema, wired as
/// grn-silo wires it (<see cref="OrleansPostgresExtensions.AddPostgresGrainStorage"/>). The
/// in-process cluster keeps its own clustering: only grain state goes to the database.
/// </summary>
public sealed class BenchmarkStorage : IDisposable
{
    public const string BackendName = "sweeps-backend";

    readonly PostgresServer? server;
    readonly string? connectionString;

    BenchmarkStorage(StorageMode mode, PostgresServer? server, string? connectionString)
    {
        Mode = mode;
        this.server = server;
        this.connectionString = connectionString;
    }

    public StorageMode Mode { get; }

    public string Description => server is null
        ? "Orleans in-memory grain storage"
        // PostgresServer's settings: a throwaway server, so commits do not wait for the disk.
        : $"PostgreSQL 15 (private server on 127.0.0.1:{server.Port}, fsync off, synchronous_commit off) via Orleans' ADO.NET grain storage";

    public static async Task<BenchmarkStorage> StartAsync(StorageMode mode)
    {
        if (mode == StorageMode.Memory) return new BenchmarkStorage(mode, null, null);
        var server = PostgresServer.Start();
        try
        {
            var connectionString = await server.CreateDatabaseAsync("benchmark");
            await new SchemaMigrator(connectionString).MigrateAsync();
            return new BenchmarkStorage(mode, server, connectionString);
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public ISiloBuilder AddBackend(ISiloBuilder silo) => Mode switch
    {
        StorageMode.Memory => silo.AddMemoryGrainStorage(BackendName),
        _ => silo.AddPostgresGrainStorage(BackendName, connectionString!),
    };

    public void Dispose() => server?.Dispose();
}
