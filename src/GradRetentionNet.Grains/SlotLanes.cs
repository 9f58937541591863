namespace GradRetentionNet.Grains;

/// <summary>
/// A silo's training capacity as lanes of capacity 1: one per GPU (a job takes 1/trials_per_gpu
/// of one, so several trials can share a GPU), or one per CPU slot (a job takes a whole lane).
/// A job waits until some lane has room, and gets the least loaded lane that fits.
/// </summary>
public sealed class SlotLanes(int lanes)
{
    /// <summary>Shares are fractions like 1/3: sums of them may miss 1 by rounding.</summary>
    const double Tolerance = 1e-9;

    readonly double[] load = new double[lanes];
    readonly object gate = new();
    readonly List<TaskCompletionSource> waiting = [];
    int holders;

    public int Count => load.Length;

    /// <summary>Lanes with any job on them.</summary>
    public int Occupied
    {
        get { lock (gate) return load.Count(l => l > Tolerance); }
    }

    /// <summary>Jobs holding a share of a lane.</summary>
    public int Holders
    {
        get { lock (gate) return holders; }
    }

    /// <summary>Waits for room for <paramref name="share"/> (0 &lt; share ≤ 1) and returns the lane taken.</summary>
    public async Task<int> Acquire(double share, CancellationToken cancellation)
    {
        if (share is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(share), share, "a job takes more than nothing and at most one lane");
        while (true)
        {
            TaskCompletionSource freed;
            lock (gate)
            {
                var lane = Enumerable.Range(0, load.Length).Where(i => load[i] + share <= 1 + Tolerance).OrderBy(i => load[i]).DefaultIfEmpty(-1).First();
                if (lane >= 0)
                {
                    load[lane] += share;
                    holders++;
                    return lane;
                }
                freed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                waiting.Add(freed);
            }
            await freed.Task.WaitAsync(cancellation);
        }
    }

    public void Release(int lane, double share)
    {
        List<TaskCompletionSource> wake;
        lock (gate)
        {
            load[lane] = Math.Max(0, load[lane] - share);
            holders--;
            wake = [.. waiting];
            waiting.Clear();
        }
        foreach (var waiter in wake) waiter.TrySetResult();
    }
}
