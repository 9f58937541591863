namespace GradRetentionNet.Reporting.Html;

/// <summary>One piece of a report page, in page order; <see cref="PageHtml"/> turns them into HTML.</summary>
internal abstract record PageBlock;

/// <summary>An h2 (section) or h3 (subsection) with the id the contents link to.</summary>
internal sealed record HeadingBlock(int Level, string Text, string Id) : PageBlock;

internal sealed record ParagraphBlock(string Text) : PageBlock;

/// <summary>Term and value pairs (a definition list), e.g. a study's protocol.</summary>
internal sealed record FactsBlock(IReadOnlyList<(string Term, string Value)> Facts) : PageBlock;

/// <summary>A PNG beside the page.</summary>
internal sealed record ImageBlock(string Source, string Alt, int Width, int Height) : PageBlock;

/// <summary>A table; with <see cref="CollapsedAs"/> it starts folded under that summary line.</summary>
internal sealed record TableBlock(ReportTable Table, string? CollapsedAs) : PageBlock;
