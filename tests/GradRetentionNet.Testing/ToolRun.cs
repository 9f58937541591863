using System.Diagnostics;
using System.Text;

namespace GradRetentionNet.Testing;

/// <summary>The exit code and the output (stdout and stderr interleaved) of a finished tool run.</summary>
public sealed record ToolRun(string Command, int ExitCode, string Output)
{
    public override string ToString() => $"`{Command}` exited {ExitCode}:\n{Output}";

    /// <summary>Runs <paramref name="file"/> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>; kills it after <paramref name="timeout"/>.</summary>
    public static ToolRun Start(string file, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var command = string.Join(' ', [Path.GetFileName(file), .. start.ArgumentList]);

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"`{command}` did not finish in {timeout.TotalSeconds:0} s: {output}");
        }
        process.WaitForExit(); // drains the output handlers
        lock (output) return new ToolRun(command, process.ExitCode, output.ToString());
    }
}
