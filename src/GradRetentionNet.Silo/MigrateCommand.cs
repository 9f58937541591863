using GradRetentionNet.Persistence;
using Npgsql;

namespace GradRetentionNet.Silo;

/// <summary>
/// grn-silo migrate: applies the PostgreSQL schema to the database Silo:ConnectionString names
/// (same configuration as the silo) and exits. Exit 0: done, each applied migration printed;
/// 2: configuration (connection string missing or malformed); 1: the database (unreachable,
/// refused the login, or its schema is newer than this build). Errors are one line on stderr.
/// </summary>
internal static class MigrateCommand
{
    public static async Task<int> RunAsync(IConfiguration configuration, TextWriter output, TextWriter error)
    {
        string? connectionString;
        try
        {
            connectionString = configuration.GetSection(SiloOptions.Section).Get<SiloOptions>()?.ConnectionString;
        }
        catch (InvalidOperationException e)
        {
            return Fail(error, 2, e.Message);
        }
        if (PostgresConnectionString.Problem(connectionString) is { } problem)
            return Fail(error, 2, $"Silo:ConnectionString {problem}: set it in appsettings or the GRN_Silo__ConnectionString environment variable");

        var endpoint = PostgresConnectionString.Endpoint(connectionString!);
        try
        {
            var report = await new SchemaMigrator(connectionString!).MigrateAsync();
            foreach (var migration in report.Applied) output.WriteLine($"applied {migration.Id}");
            output.WriteLine(report.Applied.Count == 0
                ? $"schema is up to date at version {report.SchemaVersion}"
                : $"schema is at version {report.SchemaVersion}");
            return 0;
        }
        catch (Exception e) when (e is IncompatibleSchemaException or MigrationFailedException)
        {
            return Fail(error, 1, e.Message);
        }
        catch (PostgresException e)
        {
            // The server answered but said no: wrong password, no such database, missing rights.
            return Fail(error, 1, $"PostgreSQL at {endpoint} refused: {e.Message}");
        }
        catch (NpgsqlException e)
        {
            return Fail(error, 1, $"cannot reach PostgreSQL at {endpoint}: {(e.InnerException ?? e).Message}");
        }
    }

    static int Fail(TextWriter error, int exitCode, string message)
    {
        error.WriteLine($"error: {message.ReplaceLineEndings(" ")}");
        return exitCode;
    }
}
