namespace GradRetentionNet.Benchmarks.Orchestration;

/// <summary>
/// How long slots sat idle while work was waiting. Every job was waiting from the submission, so
/// on each silo a job's latency is its start minus the moment the slot it took became free: the
/// silo's slots are free at the submission, and each job takes the slot freed earliest (by a
/// job that ended, or at the submission) and frees it at its own end. With jobs of different
/// lengths slots free in any order, hence the queue rather than pairing the i-th start with the
/// i-th end. Slots freed after the last job was dispatched wait for nothing and count nothing.
/// </summary>
public static class DispatchLatency
{
    public static List<double> Seconds(IEnumerable<JobRun> runs, int slotsPerSilo, DateTime submitted)
    {
        var latencies = new List<double>();
        foreach (var silo in runs.GroupBy(r => r.Silo))
        {
            var free = new PriorityQueue<DateTime, DateTime>(Enumerable.Repeat((submitted, submitted), slotsPerSilo));
            foreach (var run in silo.OrderBy(r => r.Start))
            {
                var freedAt = free.Dequeue();
                // Clocks are read on different threads: a start a hair before its slot's recorded end is no wait.
                latencies.Add(Math.Max(0, (run.Start - freedAt).TotalSeconds));
                free.Enqueue(run.End, run.End);
            }
        }
        return latencies;
    }

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
