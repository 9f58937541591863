namespace GradRetentionNet.Persistence.Tests;

[Collection(PostgresCollection.Name)]
public sealed class SchemaMigratorTests(PostgresFixture postgres)
{
    static readonly string[] ProviderQueryKeys =
    [
        // Clustering (silos and clients).
        "UpdateIAmAlivetimeKey", "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "MembershipReadRowKey",
        "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey", "CleanupDefunctSiloEntriesKey",
        // Grain storage.
        "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey",
    ];

    [Fact]
    public async Task Migrations_apply_in_order_to_an_empty_database_and_install_every_provider_query()
    {
        var database = await postgres.EmptyDatabaseAsync("fresh");

        var report = await new SchemaMigrator(database).MigrateAsync();

        report.Applied.Select(m => m.Id).Should().Equal(MigrationCatalog.Embedded.Select(m => m.Id));
        report.SchemaVersion.Should().Be(3);
        (await Sql.ColumnAsync<string>(database, "SELECT name FROM grn_schema_migrations ORDER BY applied_at, version"))
            .Should().Equal("orleans_query", "orleans_membership", "orleans_storage");
        (await Sql.ColumnAsync<string>(database, "SELECT QueryKey FROM OrleansQuery WHERE length(QueryText) > 0"))
            .Should().BeEquivalentTo(ProviderQueryKeys);
    }

    [Fact]
    public async Task A_second_run_applies_nothing_and_leaves_the_history_alone()
    {
        var database = await postgres.MigratedDatabaseAsync("again");
        var before = await Sql.ColumnAsync<DateTime>(database, "SELECT applied_at FROM grn_schema_migrations ORDER BY version");

        var report = await new SchemaMigrator(database).MigrateAsync();

        report.Applied.Should().BeEmpty();
        report.SchemaVersion.Should().Be(3);
        (await Sql.ColumnAsync<DateTime>(database, "SELECT applied_at FROM grn_schema_migrations ORDER BY version")).Should().Equal(before);
    }

    [Fact]
    public async Task Concurrent_migrators_apply_each_migration_exactly_once()
    {
        var database = await postgres.EmptyDatabaseAsync("concurrent");

        // Without the advisory lock these collide: each would create the same tables at the same time.
        var reports = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => new SchemaMigrator(database).MigrateAsync())));

        reports.SelectMany(r => r.Applied).Select(m => m.Id).Should().BeEquivalentTo(MigrationCatalog.Embedded.Select(m => m.Id));
        reports.Should().OnlyContain(r => r.SchemaVersion == 3);
        (await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM grn_schema_migrations")).Should().Be(3);
    }

    [Fact]
    public async Task A_database_with_a_newer_schema_is_refused_untouched()
    {
        var database = await postgres.EmptyDatabaseAsync("newer");
        // The database as a build with a fourth migration left it; this build knows only the first two.
        var older = MigrationCatalog.Embedded.Take(2).ToList();
        await new SchemaMigrator(database).MigrateAsync();
        await Sql.ExecuteAsync(database, "INSERT INTO grn_schema_migrations (version, name) VALUES (4, 'from_the_future')");

        var refused = async () => await new SchemaMigrator(database, older).MigrateAsync();

        (await refused.Should().ThrowAsync<IncompatibleSchemaException>()).Which.Message.Should()
            .Be("the database schema is at version 4 (from_the_future), newer than this build knows (version 2): use a grn-silo at least as new as the one that migrated it");
        (await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM grn_schema_migrations")).Should().Be(4);
    }

    [Fact]
    public async Task A_migration_named_differently_in_the_database_is_refused()
    {
        var database = await postgres.EmptyDatabaseAsync("renamed");
        await new SchemaMigrator(database, [new Migration(1, "something_else", "CREATE TABLE t (x integer)")]).MigrateAsync();

        var refused = async () => await new SchemaMigrator(database).MigrateAsync();

        await refused.Should().ThrowAsync<IncompatibleSchemaException>()
            .WithMessage("the database records migration 1 as 'something_else' but this build calls it 'orleans_query'*");
    }

    [Fact]
    public async Task A_failing_migration_is_rolled_back_and_not_recorded()
    {
        var database = await postgres.EmptyDatabaseAsync("failing");
        Migration[] migrations =
        [
            new(1, "good", "CREATE TABLE good (x integer)"),
            new(2, "bad", "CREATE TABLE half_done (x integer); SELECT * FROM no_such_table"),
        ];

        var failing = async () => await new SchemaMigrator(database, migrations).MigrateAsync();

        (await failing.Should().ThrowAsync<MigrationFailedException>()).Which.Message.Should()
            .StartWith("migration 0002_bad failed and was rolled back: 42P01: relation \"no_such_table\" does not exist").And.NotContain("\n");
        (await Sql.ColumnAsync<string>(database, "SELECT name FROM grn_schema_migrations")).Should().Equal("good");
        (await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM pg_tables WHERE tablename IN ('good', 'half_done')")).Should().Be(1);
    }
}
