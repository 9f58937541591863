namespace GradRetentionNet.Data.Splits;

/// <summary>
/// A text classification split as raw texts and labels. It becomes batches only once a model's
/// tokenizer has encoded it (<see cref="Encode"/>), so it is not itself an <see cref="IDataSplit"/>.
/// </summary>
public sealed class TextSplit
{
    /// <summary>A split of texts with their class ids.</summary>
    /// <param name="texts">The texts.</param>
    /// <param name="labels">The class id of each text.</param>
    /// <param name="deviceResident">Passed on to the encoded split: keep it on the device and gather batches there.</param>
    public TextSplit(IReadOnlyList<string> texts, IReadOnlyList<int> labels, bool deviceResident = false)
    {
        if (texts.Count != labels.Count)
            throw new ArgumentException($"{texts.Count} texts but {labels.Count} labels");
        Texts = texts;
        Labels = labels;
        DeviceResident = deviceResident;
    }

    /// <summary>Examples.</summary>
    public int Count => Texts.Count;

    /// <summary>The texts, in stored order.</summary>
    public IReadOnlyList<string> Texts { get; }

    /// <summary>The class id of each text.</summary>
    public IReadOnlyList<int> Labels { get; }

    /// <summary>Whether the encoded split is kept on the device.</summary>
    public bool DeviceResident { get; }

    /// <summary>
    /// Encodes every text with <paramref name="encoder"/>, cut to <paramref name="maxLength"/> tokens
    /// and padded to it with <see cref="ITextEncoder.PaddingId"/>; the result serves batches of
    /// ids [B, maxLength], attention mask [B, maxLength] (1 = token, 0 = padding) and labels [B].
    /// The caller owns (and disposes) the result.
    /// </summary>
    public TokenizedSplit Encode(ITextEncoder encoder, int maxLength) =>
        TokenizedSplit.Encode(Texts, Labels, encoder, maxLength, DeviceResident);
}
