using ScottPlot;

namespace GradRetentionNet.Reporting.Plots;

/// <summary>
/// One colour per optimizer for every plot of a page, so that adam is the same colour in the tuning
/// curves, the scatter, the evaluation curves and the profile.
/// </summary>
internal sealed class OptimizerColours(IEnumerable<string> optimizers)
{
    readonly IPalette palette = new ScottPlot.Palettes.Category10();
    readonly List<string> order = optimizers.Distinct(StringComparer.Ordinal).ToList();

    public Color Of(string optimizer)
    {
        var index = order.IndexOf(optimizer);
        if (index < 0)
        {
            order.Add(optimizer);
            index = order.Count - 1;
        }
        return palette.GetColor(index);
    }
}
