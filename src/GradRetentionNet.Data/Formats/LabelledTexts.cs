namespace GradRetentionNet.Data.Formats;

/// <summary>Texts and their class labels as read from a file, in file order.</summary>
public sealed record LabelledTexts(IReadOnlyList<string> Texts, IReadOnlyList<int> Labels)
{
    /// <summary>Number of texts.</summary>
    public int Count => Texts.Count;

    /// <summary>
    /// Throws an <see cref="InvalidDataException"/> naming <paramref name="path"/> and the
    /// (0-based) data row if a label is not a class id below <paramref name="classes"/>.
    /// </summary>
    public LabelledTexts RequireLabelsBelow(int classes, string path)
    {
        for (var i = 0; i < Labels.Count; i++)
            if (Labels[i] < 0 || Labels[i] >= classes)
                throw FormatErrors.AtRow(path, i, $"a label in 0..{classes - 1}", Labels[i].ToString());
        return this;
    }
}
