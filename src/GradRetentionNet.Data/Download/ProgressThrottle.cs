using System.Diagnostics;

namespace GradRetentionNet.Data.Download;

/// <summary>Lets a report through at most once per interval, plus the first and any marked final.</summary>
internal sealed class ProgressThrottle(TimeSpan interval)
{
    private long _last;
    private bool _reported;

    public bool ShouldReport(bool final)
    {
        var now = Stopwatch.GetTimestamp();
        if (!final && _reported && Stopwatch.GetElapsedTime(_last, now) < interval)
            return false;
        _last = now;
        _reported = true;
        return true;
    }
}
