using System.Text;

namespace GradRetentionNet.Data.Formats;

/// <summary>
/// Reads a fortune file (the text beside a strfile <c>.dat</c> index): entries separated by
/// lines holding a single <c>%</c>. Entries are returned in file order, trimmed; empty ones are
/// skipped. A file with no entry at all is an error.
/// </summary>
public static class FortuneFileReader
{
    public static IReadOnlyList<string> Read(string path)
    {
        var entries = new List<string>();
        var entry = new StringBuilder();
        void Finish()
        {
            var text = entry.ToString().Trim();
            if (text.Length > 0) entries.Add(text);
            entry.Clear();
        }

        // Debian's fortune files are UTF-8; decoding never throws, so stray bytes stay visible as U+FFFD.
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            if (line == "%") Finish();
            else entry.AppendLine(line);
        }
        Finish();
        if (entries.Count == 0)
            throw FormatErrors.In(path, "byte 0", "entries separated by lines holding a single %", "no entry");
        return entries;
    }
}
