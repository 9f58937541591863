using System.Text;

namespace GradRetentionNet.Sweeps.Spec;

/// <summary>A sweep spec that cannot run: one line naming the field, what is wrong and what is allowed.</summary>
public sealed class SweepSpecException(string source, string field, string message)
    : ArgumentException(OneLine($"{source}: {field}: {message}"))
{
    public string Field { get; } = field;

    /// <summary>
    /// Messages quote what the spec says, and a spec can say anything: a key with a line break in
    /// it, a tab, an escape sequence that would restyle the terminal. Those are written as escapes
    /// (\n, \t, \u001b), so the message stays one line that shows what is in the file.
    /// </summary>
    static string OneLine(string text)
    {
        if (!text.Any(IsUnprintable)) return text;
        var line = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            line.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when IsUnprintable(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return line.ToString();
    }

    static bool IsUnprintable(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
}
