using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Storage;

namespace GradRetentionNet.Persistence.Tests;

/// <summary>Grain state through Orleans' real ADO.NET grain storage on a silo, against the project's schema.</summary>
[Collection(PostgresCollection.Name)]
public sealed class GrainStorageTests(PostgresFixture postgres) : IAsyncLifetime
{
    string database = "";
    IHost silo = null!;

    public async Task InitializeAsync()
    {
        database = await postgres.MigratedDatabaseAsync("storage");
        silo = await TestSilo.StartSiloAsync(database, "storage");
    }

    public Task DisposeAsync() => TestSilo.StopAsync(silo);

    [Fact]
    public async Task Grain_state_is_written_read_back_by_a_new_activation_and_cleared()
    {
        var grain = silo.Grains().GetGrain<IProbeGrain>(7);

        await grain.Write("hello");
        await grain.Deactivate();
        (await grain.Read()).Should().Be(new ProbeSnapshot("hello", "1", RecordExists: true), "a new activation reads the row back");
        (await Sql.ScalarAsync<int>(database, "SELECT Version FROM OrleansStorage WHERE GrainIdN1 = 7 AND GrainIdExtensionString IS NULL")).Should().Be(1);

        await grain.Write("again");
        (await grain.Read()).ETag.Should().Be("2");

        await grain.Clear();
        await grain.Deactivate();
        (await grain.Read()).Should().Be(new ProbeSnapshot("", "3", RecordExists: false), "a cleared state reads back as the default, its version still counting");
        (await Sql.ScalarAsync<bool>(database, "SELECT PayloadBinary IS NULL FROM OrleansStorage WHERE GrainIdN1 = 7")).Should().BeTrue();

        await grain.Write("after clear");
        await grain.Deactivate();
        (await grain.Read()).Should().Be(new ProbeSnapshot("after clear", "4", RecordExists: true));
    }

    [Fact]
    public async Task A_stale_write_fails_with_InconsistentStateException_and_changes_nothing()
    {
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>("sweeps");
        var id = GrainId.Create("probe", "stale");
        var written = new ProbeState { Text = "first" };
        var writer = new GrainState<ProbeState>(written);
        await storage.WriteStateAsync("probe", id, writer);
        var stale = new GrainState<ProbeState>(new ProbeState { Text = "lost update" });
        await storage.ReadStateAsync("probe", id, stale);
        stale.ETag.Should().Be("1");
        written.Text = "second";
        await storage.WriteStateAsync("probe", id, writer);
        stale.State = new ProbeState { Text = "lost update" };

        var staleWrite = () => storage.WriteStateAsync("probe", id, stale);
        await staleWrite.Should().ThrowAsync<InconsistentStateException>();
        // A second first write (no ETag) of a grain that already has a row is just as stale.
        var blindWrite = () => storage.WriteStateAsync("probe", id, new GrainState<ProbeState>(new ProbeState { Text = "blind" }));
        await blindWrite.Should().ThrowAsync<InconsistentStateException>();
        var staleClear = () => storage.ClearStateAsync("probe", id, stale);
        await staleClear.Should().ThrowAsync<InconsistentStateException>();

        var current = new GrainState<ProbeState>(new ProbeState());
        await storage.ReadStateAsync("probe", id, current);
        (current.State?.Text, current.ETag).Should().Be(("second", "2"));
        (await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM OrleansStorage")).Should().Be(1);
    }

    [Fact]
    public async Task A_provider_that_deletes_on_clear_removes_the_row_and_can_write_afresh()
    {
        var grain = silo.Grains().GetGrain<IDeletingProbeGrain>("sweep-a");
        await grain.Write("x");
        (await Sql.ScalarAsync<string>(database, "SELECT GrainIdExtensionString FROM OrleansStorage")).Should().Be("sweep-a");

        await grain.Clear();
        (await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM OrleansStorage")).Should().Be(0);
        await grain.Deactivate();
        (await grain.Read()).Should().Be(new ProbeSnapshot("", null, RecordExists: false));

        await grain.Write("y");
        await grain.Deactivate();
        (await grain.Read()).Should().Be(new ProbeSnapshot("y", "1", RecordExists: true));
    }
}
