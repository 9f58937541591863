namespace GradRetentionNet.Data;

/// <summary>Turns text into token ids for a text model (implemented by the WordPiece tokenizer).</summary>
public interface ITextEncoder
{
    /// <summary>Size of the vocabulary: every id is below it.</summary>
    int VocabularySize { get; }

    /// <summary>Id used for padding.</summary>
    int PaddingId { get; }

    /// <summary>Token ids of <paramref name="text"/> with the special tokens the model expects, cut to <paramref name="maxLength"/>.</summary>
    IReadOnlyList<int> Encode(string text, int maxLength);
}
