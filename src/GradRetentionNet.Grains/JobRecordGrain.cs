using GradRetentionNet.Sweeps.Scheduling;

namespace GradRetentionNet.Grains;

/// <summary>One job's persisted record (key "sweep/job"); its coordinator is the only writer.</summary>
public interface IJobRecordGrain : IGrainWithStringKey
{
    Task<JobRecord?> Load();

    Task Save(JobRecord record);
}

/// <summary>
/// Keeps one job's <see cref="JobRecord"/> in grain storage, so an event of one job writes that
/// job's small record and nothing else. Activations are cheap to drop: they hold nothing the
/// storage does not, so they are collected soon after the job last changed.
/// </summary>
[CollectionAgeLimit(Minutes = 2)]
public sealed class JobRecordGrain([PersistentState("job", "sweeps")] IPersistentState<JobRecord> record) : Grain, IJobRecordGrain
{
    public Task<JobRecord?> Load() => Task.FromResult(record.RecordExists ? record.State : null);

    public async Task Save(JobRecord state)
    {
        record.State = state;
        await record.WriteStateAsync();
    }

    public static string KeyOf(string sweep, string jobId) => $"{sweep}/{jobId}";
}
