using Microsoft.Extensions.Options;

namespace GradRetentionNet.Silo;

/// <summary>
/// Whether Silo:OutputRoot takes files: it is made if missing, then a probe file is created and
/// deleted. Checked as the silo starts and on each readiness request (one small file, cheap), so
/// a silo whose results would be lost is not ready, says why, and becomes ready once the volume
/// is fixed. A change to unwritable is logged once, as one warning line.
/// </summary>
internal sealed class OutputRootProbe(IOptions<SiloOptions> options, ILogger<OutputRootProbe> logger) : IHostedService
{
    readonly string root = Path.GetFullPath(options.Value.OutputRoot);
    readonly Lock gate = new();
    string? lastProblem;

    /// <summary>Null when the folder takes files; else a one-line reason naming Silo:OutputRoot and the error.</summary>
    public string? Problem()
    {
        string? problem = null;
        try
        {
            Directory.CreateDirectory(root);
            using (File.Create(Path.Combine(root, $".grn-ready-probe-{Environment.ProcessId}-{Guid.NewGuid():N}"), 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"{SiloOptions.Section}:{nameof(SiloOptions.OutputRoot)} {root} cannot be written: {Why(e)}".ReplaceLineEndings(" ");
        }
        Report(problem);
        return problem;
    }

    // .NET says "could not find a part of the path" when a folder on it is a file: name the file.
    string Why(Exception error)
    {
        for (var folder = Path.GetDirectoryName(root); folder is not null; folder = Path.GetDirectoryName(folder))
            if (File.Exists(folder)) return $"{folder} is a file ({error.Message})";
        return error.Message;
    }

    void Report(string? problem)
    {
        lock (gate)
        {
            if (problem == lastProblem) return;
            var before = lastProblem;
            lastProblem = problem;
            if (problem is not null) logger.LogWarning("Not ready: {Problem}", problem);
            else if (before is not null) logger.LogInformation("Silo:OutputRoot {OutputRoot} can be written again", root);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Problem();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
