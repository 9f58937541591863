using System.Diagnostics;
using System.Runtime.InteropServices;

namespace GradRetentionNet.Cli.Tests;

/// <summary>Starts a program that answers Ctrl-C, and sends it the SIGINT a terminal would.</summary>
static class Signals
{
    const int SigInt = 2;

    /// <summary>
    /// Starts <paramref name="program"/> with SIGINT at its default disposition. A process started
    /// with SIGINT ignored — a background job of a non-interactive shell, as a CI runner may start
    /// the tests — passes that on to its children, and .NET then never sees Ctrl-C (it leaves an
    /// inherited ignore alone, as a CLI run under nohup should). Perl, which every Debian system
    /// has, restores the default and execs the program in its place, so the pid is the program's.
    /// </summary>
    public static Process StartInterruptible(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo("perl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-e", "$SIG{INT} = 'DEFAULT'; exec { $ARGV[0] } @ARGV or die \"exec $ARGV[0]: $!\"", program, .. arguments])
            start.ArgumentList.Add(argument);
        return Process.Start(start)!;
    }

    /// <summary>Sends SIGINT at once (kill(1)'s own start-up can take seconds on a loaded machine).</summary>
    public static void Interrupt(int processId)
    {
        if (kill(processId, SigInt) != 0)
            throw new InvalidOperationException($"kill({processId}, SIGINT) failed with errno {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", SetLastError = true)]
    static extern int kill(int pid, int sig);
}
