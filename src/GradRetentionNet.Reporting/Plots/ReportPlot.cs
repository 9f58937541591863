using ScottPlot;

namespace GradRetentionNet.Reporting.Plots;

/// <summary>A new plot in the reports' style: a sans-serif face like the page's text, title and axis labels set.</summary>
internal static class ReportPlot
{
    // ScottPlot's sans-serif default (Segoe UI, Open Sans) is rarely installed on Linux, where the
    // face then falls back to a serif one; Debian always has DejaVu Sans.
    static readonly string Face = new[] { "DejaVu Sans", "Liberation Sans", "Arial" }.FirstOrDefault(name => Fonts.GetTypeface(name, bold: false, italic: false) is not null) ?? Fonts.Default;

    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(Face);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return plot;
    }

    /// <summary>The legend to the right of the data, where it covers none of it.</summary>
    public static void LegendOutside(Plot plot) => plot.ShowLegend(Edge.Right);
}
