namespace GradRetentionNet.Contracts.Jobs;

/// <summary>The names of the files in a job's folder that other parts of the system read.</summary>
public static class JobFiles
{
    /// <summary>The job's result (<see cref="JobResult"/> as <see cref="JobJson"/>), rewritten after each epoch.</summary>
    public const string Result = "result.json";
}
