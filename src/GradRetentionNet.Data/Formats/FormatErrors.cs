namespace GradRetentionNet.Data.Formats;

/// <summary>
/// The one-line errors the readers throw: every message starts with the file, then where in it
/// (a byte offset, a row, a pixel), then what was expected and what was found, so a user can
/// open the file at that place.
/// </summary>
internal static class FormatErrors
{
    public static InvalidDataException AtOffset(string path, long offset, string expected, string found) =>
        new($"{path}: at byte offset {offset}: expected {expected}, found {found}");

    public static InvalidDataException AtRow(string path, long row, string expected, string found) =>
        new($"{path}: row {row}: expected {expected}, found {found}");

    public static InvalidDataException In(string path, string where, string expected, string found) =>
        new($"{path}: {where}: expected {expected}, found {found}");

    /// <summary>Wraps a library's decoding error so the message names the file.</summary>
    public static InvalidDataException Undecodable(string path, string expected, Exception inner) =>
        new($"{path}: expected {expected}, but it could not be decoded: {OneLine(inner.Message)}", inner);

    static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
