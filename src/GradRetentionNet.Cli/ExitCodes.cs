namespace GradRetentionNet.Cli;

/// <summary>What grn's exit status means.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int BadArguments = 2;
    public const int Diverged = 3;
    public const int Cancelled = 130;
}
