using GradRetentionNet.Contracts.Sweeps;

namespace GradRetentionNet.Cli;

/// <summary>What grn's exit status means.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int BadArguments = 2;
    public const int Diverged = 3;
    public const int Cancelled = 130;

    /// <summary>A followed sweep's end: 0 completed, 130 cancelled (or Ctrl-C), 1 for a sweep that failed or was stopped.</summary>
    public static int Of(SweepState state, bool interrupted) => state switch
    {
        SweepState.Completed => Success,
        SweepState.Cancelled => Cancelled,
        _ when interrupted => Cancelled,
        _ => Failed,
    };
}
