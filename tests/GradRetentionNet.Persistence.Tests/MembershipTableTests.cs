using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;

namespace GradRetentionNet.Persistence.Tests;

/// <summary>
/// Every clustering query through Orleans' real ADO.NET membership table, called directly (as the
/// membership protocol calls it) rather than through a running silo, so each key's contract is
/// checked on its own: version checks, returned columns, parameters.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MembershipTableTests(PostgresFixture postgres) : IAsyncLifetime
{
    const string ClusterId = "contract";
    string database = "";
    IHost host = null!;
    IMembershipTable table = null!;

    public async Task InitializeAsync()
    {
        database = await postgres.MigratedDatabaseAsync("membership");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo
            .Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (ClusterId, TestSilo.ServiceId))
            .UsePostgresClustering(database));
        host = builder.Build(); // never started: only its membership table is used
        table = host.Services.GetRequiredService<IMembershipTable>();
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
    }

    public Task DisposeAsync()
    {
        host.Dispose();
        return Task.CompletedTask;
    }

    static readonly DateTime Start = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    static MembershipEntry Entry(int port, SiloStatus status) => new()
    {
        SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Parse("10.1.2.3"), port), 12345),
        SiloName = $"silo-{port}",
        HostName = "node-a",
        Status = status,
        ProxyPort = port + 1,
        StartTime = Start,
        IAmAliveTime = Start.AddSeconds(1),
    };

    [Fact]
    public async Task Rows_are_inserted_and_updated_only_against_the_version_that_was_read()
    {
        var empty = await table.ReadAllAsync();
        empty.Members.Should().BeEmpty();
        empty.Version.Version.Should().Be(0, "InitializeMembershipTable created the version row");

        var joining = Entry(11111, SiloStatus.Joining);
        (await table.InsertRowAsync(joining, empty.Version.Next())).Should().BeTrue();
        (await table.InsertRowAsync(Entry(22222, SiloStatus.Joining), empty.Version.Next())).Should().BeFalse("the version moved on");
        var afterInsert = await table.ReadAllAsync();
        afterInsert.Version.Version.Should().Be(1);
        (await table.InsertRowAsync(joining, afterInsert.Version.Next())).Should().BeFalse("the silo is already there");
        (await table.ReadAllAsync()).Version.Version.Should().Be(1, "a refused insert does not bump the version");

        var suspecter = Entry(22222, SiloStatus.Active).SiloAddress;
        var active = Entry(11111, SiloStatus.Active);
        active.SuspectTimes = [Tuple.Create(suspecter, Start.AddSeconds(5))];
        (await table.UpdateRowAsync(active, afterInsert.Version.VersionEtag, afterInsert.Version.Next())).Should().BeTrue();
        (await table.UpdateRowAsync(Entry(11111, SiloStatus.Dead), afterInsert.Version.VersionEtag, afterInsert.Version.Next())).Should().BeFalse("a stale version");

        var row = await table.ReadRowAsync(active.SiloAddress);
        row.Version.Version.Should().Be(2);
        var (read, etag) = row.Members.Should().ContainSingle().Subject;
        etag.Should().Be(row.Version.VersionEtag);
        read.SiloAddress.Should().Be(active.SiloAddress);
        (read.SiloName, read.HostName, read.Status, read.ProxyPort, read.StartTime, read.IAmAliveTime)
            .Should().Be(("silo-11111", "node-a", SiloStatus.Active, 11112, Start, Start.AddSeconds(1)));
        read.StartTime.Kind.Should().Be(DateTimeKind.Utc);
        read.SuspectTimes.Should().ContainSingle().Which.Should().Be(Tuple.Create(suspecter, Start.AddSeconds(5)));
    }

    [Fact]
    public async Task Of_concurrent_inserts_against_one_version_exactly_one_wins()
    {
        var version = (await table.ReadAllAsync()).Version.Next();
        // Hold the version row so that every insert has started, and read version 0, before any can finish.
        await using var blocker = new NpgsqlConnection(database);
        await blocker.OpenAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM OrleansMembershipVersionTable FOR UPDATE", blocker, hold))
            await lockRow.ExecuteNonQueryAsync();

        var inserts = Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => table.InsertRowAsync(Entry(20000 + i, SiloStatus.Joining), version))));
        await TestSilo.Eventually(
            async () => await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") == 8,
            TimeSpan.FromSeconds(30), "all eight inserts waiting on the version row");
        await hold.CommitAsync();

        (await inserts).Count(inserted => inserted).Should().Be(1);
        var all = await table.ReadAllAsync();
        all.Members.Should().ContainSingle();
        all.Version.Version.Should().Be(1);
    }

    [Fact]
    public async Task The_heartbeat_changes_only_the_alive_time_and_not_the_version()
    {
        var entry = Entry(11111, SiloStatus.Active);
        await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next());
        var before = await table.ReadAllAsync();

        entry.IAmAliveTime = Start.AddMinutes(3);
        entry.Status = SiloStatus.Dead; // ignored: a heartbeat carries only the time
        await table.UpdateIAmAliveAsync(entry);

        var after = await table.ReadRowAsync(entry.SiloAddress);
        after.Version.Should().Be(before.Version);
        after.Members.Single().Item1.IAmAliveTime.Should().Be(Start.AddMinutes(3));
        after.Members.Single().Item1.Status.Should().Be(SiloStatus.Active);
    }

    [Fact]
    public async Task Reading_an_unknown_silo_gives_no_entry_but_the_version()
    {
        var row = await table.ReadRowAsync(Entry(33333, SiloStatus.Active).SiloAddress);

        row.Members.Should().BeEmpty();
        row.Version.Version.Should().Be(0);
    }

    [Fact]
    public async Task Deleting_the_cluster_removes_its_rows_and_its_version()
    {
        await table.InsertRowAsync(Entry(11111, SiloStatus.Active), (await table.ReadAllAsync()).Version.Next());

        await table.DeleteMembershipTableEntriesAsync(ClusterId);

        (await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM OrleansMembershipTable")).Should().Be(0);
        (await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM OrleansMembershipVersionTable")).Should().Be(0);
    }
}
