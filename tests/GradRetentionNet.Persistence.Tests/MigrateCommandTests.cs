using GradRetentionNet.Grains;
using GradRetentionNet.Testing;

namespace GradRetentionNet.Persistence.Tests;

/// <summary>grn-silo migrate as a process: what it prints and how it exits.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MigrateCommandTests(PostgresFixture postgres)
{
    static Dictionary<string, string> WithConnectionString(string connectionString) => new() { ["GRN_Silo__ConnectionString"] = connectionString };

    [Fact]
    public async Task Migrate_applies_the_schema_prints_each_migration_and_a_second_run_applies_nothing()
    {
        var database = await postgres.EmptyDatabaseAsync("command");

        var first = GrnSiloProcess.Run(WithConnectionString(database), "migrate");
        first.ExitCode.Should().Be(0, first.Error);
        first.Output.Trim().Split('\n').Should().Equal(
            "applied 0001_orleans_query", "applied 0002_orleans_membership", "applied 0003_orleans_storage", "schema is at version 3");

        var second = GrnSiloProcess.Run(WithConnectionString(database), "migrate");
        second.ExitCode.Should().Be(0, second.Error);
        second.Output.Trim().Should().Be("schema is up to date at version 3");
    }

    [Theory]
    [InlineData("", "error: Silo:ConnectionString is not set: set it in appsettings or the GRN_Silo__ConnectionString environment variable")]
    [InlineData("Password=hunter2;nonsense", "error: Silo:ConnectionString is not a valid PostgreSQL connection string (*)*")]
    [InlineData("Password=hunter2;Port=5432", "error: Silo:ConnectionString names no Host*")]
    public void A_missing_or_malformed_connection_string_is_one_line_and_exit_2(string connectionString, string expected)
    {
        var result = GrnSiloProcess.Run(WithConnectionString(connectionString), "migrate");

        result.ExitCode.Should().Be(2);
        result.Error.Trim().Should().Match(expected).And.NotContain("\n").And.NotContain("hunter2");
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public void An_unreachable_database_is_one_line_and_exit_1()
    {
        var port = FreePorts.Next(); // nothing listens there
        var result = GrnSiloProcess.Run(WithConnectionString($"Host=127.0.0.1;Port={port};Username=postgres;Password=hunter2"), "migrate");

        result.ExitCode.Should().Be(1);
        result.Error.Trim().Should().Be($"error: cannot reach PostgreSQL at 127.0.0.1:{port}: Connection refused");
    }

    [Fact]
    public async Task A_database_with_a_newer_schema_is_refused_with_exit_1()
    {
        var database = await postgres.MigratedDatabaseAsync("command_newer");
        await Sql.ExecuteAsync(database, "INSERT INTO grn_schema_migrations (version, name) VALUES (99, 'from_the_future')");

        var result = GrnSiloProcess.Run(WithConnectionString(database), "migrate");

        result.ExitCode.Should().Be(1);
        result.Error.Trim().Should().StartWith("error: the database schema is at version 99 (from_the_future), newer than this build knows (version 3)").And.NotContain("\n");
    }
}
