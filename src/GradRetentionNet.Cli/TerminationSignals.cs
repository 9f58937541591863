using System.Runtime.InteropServices;

namespace GradRetentionNet.Cli;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM as a cancellation token for the running verb, which then finishes in
/// its own time: grn run cancels the rest of the sweep, lets running jobs close their files, stops
/// the silo and prints the summary. A second signal ends the process at once, for a user who will
/// not wait.
/// </summary>
/// <remarks>
/// Not System.CommandLine's own handling: after a signal it waits ProcessTerminationTimeout (2 s)
/// and then returns the signal's exit code from InvokeAsync while the verb still runs, so Main
/// returns and the process ends mid-clean-up, without the summary (and with the report unwritten).
/// </remarks>
internal sealed class TerminationSignals : IDisposable
{
    readonly CancellationTokenSource cancellation = new();
    readonly PosixSignalRegistration interrupt;
    readonly PosixSignalRegistration terminate;
    int received;

    public TerminationSignals()
    {
        interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public CancellationToken Token => cancellation.Token;

    void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref received) == 1)
        {
            cancellation.Cancel();
            return;
        }
        // Exit here rather than leave the signal uncancelled: other handlers (the embedded silo's
        // host lifetime) cancel it too, and the process would go on. _exit, not Environment.Exit:
        // that runs native libraries' exit handlers (libtorch's) under a training thread still
        // using them, and the process dies of SIGSEGV instead.
        Console.Error.WriteLine("interrupted again: quitting without waiting for the clean-up");
        ExitNow(128 + (context.Signal == PosixSignal.SIGINT ? 2 : 15));
    }

    [DllImport("libc", EntryPoint = "_exit")]
    static extern void ExitNow(int status);

    public void Dispose()
    {
        interrupt.Dispose();
        terminate.Dispose();
        cancellation.Dispose();
    }
}
