namespace GradRetentionNet.Benchmarks.Orchestration;

/// <summary>
/// How long slots sat idle while work was waiting. On each silo the first <c>slots</c> jobs wait
/// from the submission; every later job takes the slot the earliest unpaired finished job freed,
/// so its latency is its start minus that job's end.
/// </summary>
public static class DispatchLatency
{
    public static List<double> Seconds(IEnumerable<JobRun> runs, int slotsPerSilo, DateTime submitted)
    {
        var latencies = new List<double>();
        foreach (var silo in runs.GroupBy(r => r.Silo))
        {
            var starts = silo.Select(r => r.Start).Order().ToList();
            var ends = silo.Select(r => r.End).Order().ToList();
            for (var i = 0; i < starts.Count; i++)
            {
                var freedAt = i < slotsPerSilo ? submitted : ends[i - slotsPerSilo];
                latencies.Add((starts[i] - freedAt).TotalSeconds);
            }
        }
        return latencies;
    }

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
