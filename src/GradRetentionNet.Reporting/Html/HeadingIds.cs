using System.Text;

namespace GradRetentionNet.Reporting.Html;

/// <summary>
/// Ids for a page's headings, readable in a URL ("Paired comparisons" → paired-comparisons) and
/// unique on the page: a repeated heading (each dataset has a "Tuning curves") gets -2, -3, ….
/// </summary>
internal sealed class HeadingIds
{
    readonly HashSet<string> taken = new(StringComparer.Ordinal) { PageHtml.ContentsId };

    public string For(string text)
    {
        var slug = Slug(text);
        var id = slug;
        for (var n = 2; !taken.Add(id); n++) id = $"{slug}-{n}";
        return id;
    }

    static string Slug(string text)
    {
        var slug = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        var trimmed = slug.ToString().Trim('-');
        // An id must not be empty, and one that starts with a digit is awkward in CSS selectors.
        return trimmed.Length == 0 || char.IsAsciiDigit(trimmed[0]) ? $"s-{trimmed}".TrimEnd('-') : trimmed;
    }
}
