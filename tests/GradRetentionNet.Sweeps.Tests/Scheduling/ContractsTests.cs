using System.Reflection;
using System.Text.Json;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;

namespace GradRetentionNet.Sweeps.Tests.Scheduling;

/// <summary>What clients rely on in the contracts: lower-case states in JSON and no TorchSharp underneath.</summary>
public sealed class ContractsTests
{
    [Fact]
    public void States_are_lower_case_words_in_json_and_every_state_is_counted()
    {
        var status = new SweepStatus("s", SweepState.Completed, SweepStatus.CountsOf([JobState.Completed, JobState.Suspended]));
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(status, JobJson.Options));

        json.RootElement.GetProperty("state").GetString().Should().Be("completed");
        var counts = json.RootElement.GetProperty("counts");
        counts.EnumerateObject().Select(p => p.Name).Should().Equal(JobStates.All.Select(s => s.ToText()));
        counts.GetProperty("suspended").GetInt32().Should().Be(1);
        JsonSerializer.Deserialize<SweepStatus>(json.RootElement.GetRawText(), JobJson.Options)!.Count(JobState.Suspended).Should().Be(1);
    }

    [Fact]
    public void Finished_is_defined_once()
    {
        JobStates.All.Where(s => s.IsFinished()).Should().BeEquivalentTo([JobState.Completed, JobState.Diverged, JobState.Failed, JobState.Cancelled, JobState.StoppedEarly]);
        Enum.GetValues<SweepState>().Where(s => !s.IsFinished()).Should().Equal(SweepState.Running);
    }

    [Fact]
    public void The_contracts_do_not_reference_TorchSharp()
    {
        typeof(JobSpec).Assembly.GetReferencedAssemblies().Select(a => a.Name)
            .Should().NotContain(name => name!.StartsWith("TorchSharp", StringComparison.Ordinal));
    }
}
