using ScottPlot;

namespace GradRetentionNet.Reporting.Markdown;

/// <summary>The page's PNGs: saved into its image folder and shown on the page by their path relative to it.</summary>
/// <param name="folder">Where the PNGs are written.</param>
/// <param name="relativeFolder">The same folder as the page refers to it (its name beside the page).</param>
internal sealed class PageImages(string folder, string relativeFolder)
{
    public const int Width = 1100;
    public const int Height = 500;

    public void Add(MarkdownDocument page, Plot plot, string fileName, string alt)
    {
        plot.SavePng(Path.Combine(folder, fileName), Width, Height);
        page.Image($"{relativeFolder}/{fileName}", alt);
    }
}
