using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace GradRetentionNet.Testing;

/// <summary>
/// A private PostgreSQL 15 cluster for tests: initdb in a temporary folder, listening on 127.0.0.1
/// at a free port (its unix socket inside that folder too), so tests need no installed service
/// and never meet each other's data. As root it runs as the postgres user (initdb refuses root).
/// Dispose stops it at once and deletes the folder.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    const string DefaultBin = "/usr/lib/postgresql/15/bin";
    const string Superuser = "postgres";

    readonly string folder;
    readonly string bin;
    readonly bool asPostgresUser;
    bool disposed;

    PostgresServer(string folder, string bin, bool asPostgresUser)
    {
        this.folder = folder;
        this.bin = bin;
        this.asPostgresUser = asPostgresUser;
    }

    public int Port { get; private set; }

    /// <summary>The temporary folder holding the data directory, the unix socket and the server log.</summary>
    public string Folder => folder;

    string DataFolder => Path.Combine(folder, "data");

    /// <summary>A connection string for <paramref name="database"/> as the superuser (trust authentication: no password).</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = Superuser, Database = database, Pooling = true }.ConnectionString;

    /// <summary>
    /// Starts a fresh cluster with the PostgreSQL programs in <paramref name="binFolder"/> (default:
    /// GRN_POSTGRES_BIN, else Debian's PostgreSQL 15). Throws, naming the package to install, when they are missing.
    /// </summary>
    public static PostgresServer Start(string? binFolder = null)
    {
        var bin = binFolder ?? (Environment.GetEnvironmentVariable("GRN_POSTGRES_BIN") is { Length: > 0 } configured ? configured : DefaultBin);
        if (!File.Exists(Path.Combine(bin, "initdb")))
            throw new InvalidOperationException(
                $"PostgreSQL 15 is not installed: no initdb in {bin}. Install the Debian package postgresql-15 (build/test.sh does when run as root) or point GRN_POSTGRES_BIN at a PostgreSQL bin folder");

        var asPostgresUser = Environment.UserName == "root";
        var folder = Directory.CreateTempSubdirectory("grn-pg-").FullName;
        try
        {
            if (asPostgresUser) Run("chown", [$"{Superuser}:", folder]);
            var server = new PostgresServer(folder, bin, asPostgresUser);
            server.RunTool("initdb", ["-D", server.DataFolder, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
            server.StartOnFreePort();
            return server;
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>Starts the server; another process may take the free port before it binds, so a failed start tries another.</summary>
    void StartOnFreePort()
    {
        var log = Path.Combine(folder, "server.log");
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            // Durability off: a test cluster is thrown away, and fsyncs cost seconds on a busy machine.
            var settings = $"-c listen_addresses=127.0.0.1 -p {Port} -k '{folder}' -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
            try
            {
                RunTool("pg_ctl", ["start", "-D", DataFolder, "-w", "-t", "60", "-l", log, "-o", settings]);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Most likely the port was taken meanwhile: try another.
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidOperationException($"{e.Message}\nserver log:\n{(File.Exists(log) ? File.ReadAllText(log) : "")}", e);
            }
        }
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    void RunTool(string tool, string[] arguments)
    {
        var path = Path.Combine(bin, tool);
        if (asPostgresUser) Run("runuser", ["-u", Superuser, "--", path, .. arguments]);
        else Run(path, arguments);
    }

    static void Run(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} did not finish in 2 minutes");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error.Result}{output.Result}");
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        NpgsqlConnection.ClearAllPools();
        try
        {
            RunTool("pg_ctl", ["stop", "-D", DataFolder, "-m", "immediate", "-w"]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
