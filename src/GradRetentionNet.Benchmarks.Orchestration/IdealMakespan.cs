namespace GradRetentionNet.Benchmarks.Orchestration;

/// <summary>
/// How long the sweep would take with no orchestration cost at all.
/// <see cref="LowerBound"/>: no schedule is shorter (the work spread evenly over every slot, and
/// never less than the longest job). <see cref="PlanOrder"/>: what a dispatcher with zero cost
/// achieves handing jobs out in plan order, each to the slot that frees first — the tighter,
/// achievable figure that the coordinator's schedule is compared with besides the bound.
/// </summary>
public sealed record IdealMakespan(double LowerBound, double PlanOrder, double TotalJobSeconds)
{
    public static IdealMakespan Of(IReadOnlyList<TimeSpan> lengthsInPlanOrder, int slots)
    {
        var total = lengthsInPlanOrder.Sum(l => l.TotalSeconds);
        var longest = lengthsInPlanOrder.Count == 0 ? 0 : lengthsInPlanOrder.Max(l => l.TotalSeconds);
        var free = new PriorityQueue<double, double>(Enumerable.Repeat((0.0, 0.0), slots));
        var end = 0.0;
        foreach (var length in lengthsInPlanOrder)
        {
            var start = free.Dequeue();
            end = Math.Max(end, start + length.TotalSeconds);
            free.Enqueue(start + length.TotalSeconds, start + length.TotalSeconds);
        }
        return new IdealMakespan(Math.Max(total / slots, longest), end, total);
    }
}
