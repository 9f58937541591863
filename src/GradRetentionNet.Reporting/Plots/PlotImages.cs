using GradRetentionNet.Reporting.Html;
using ScottPlot;

namespace GradRetentionNet.Reporting.Plots;

/// <summary>Saves a plot as a PNG beside the page and shows it there.</summary>
internal static class PlotImages
{
    public const int Width = 1100;
    public const int Height = 500;

    public static void Add(ReportPage page, Plot plot, string folder, string fileName, string alt, int width = Width, int height = Height)
    {
        plot.SavePng(Path.Combine(folder, fileName), width, height);
        page.Image(fileName, alt, width, height);
    }

    /// <summary>A file name from a dataset's or hyperparameter's name: letters, digits, '-', '_' and '.' kept, the rest '_'.</summary>
    public static string FileNamePart(string text) =>
        new(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
}
