using GradRetentionNet.Data;
using Microsoft.ML.Tokenizers;

namespace GradRetentionNet.Training.Text;

/// <summary>
/// BERT's WordPiece tokenisation (Microsoft.ML.Tokenizers) from a <c>vocab.txt</c>: lower-cased and accent-stripped
/// as bert-base-uncased, [CLS] … [SEP], cut to the maximum length.
/// </summary>
public sealed class WordPieceEncoder : ITextEncoder
{
    readonly BertTokenizer tokenizer;

    WordPieceEncoder(BertTokenizer tokenizer, int vocabularySize)
    {
        this.tokenizer = tokenizer;
        VocabularySize = vocabularySize;
    }

    /// <summary>Loads a vocab.txt (one token per line, the line number is the id).</summary>
    public static WordPieceEncoder FromVocabulary(string vocabularyPath)
    {
        if (!File.Exists(vocabularyPath)) throw new FileNotFoundException($"vocabulary {vocabularyPath} does not exist", vocabularyPath);
        var size = File.ReadLines(vocabularyPath).Count();
        var tokenizer = BertTokenizer.Create(vocabularyPath, new BertOptions { LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = true });
        return new WordPieceEncoder(tokenizer, size);
    }

    /// <summary>An encoder over a vocabulary built from training texts (<see cref="VocabularyBuilder"/>).</summary>
    public static WordPieceEncoder FromTexts(IEnumerable<string> texts, int maxVocabularySize = 8_000)
    {
        var vocabulary = VocabularyBuilder.Build(texts, maxVocabularySize);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", vocabulary) + "\n"));
        var tokenizer = BertTokenizer.Create(stream, new BertOptions { LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = true });
        return new WordPieceEncoder(tokenizer, vocabulary.Count);
    }

    public int VocabularySize { get; }

    public int PaddingId => tokenizer.PaddingTokenId;

    public IReadOnlyList<int> Encode(string text, int maxLength)
    {
        if (maxLength < 2) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "needs room for [CLS] and [SEP]");
        // Encode without the special tokens, cut, then frame: the cut never loses [SEP].
        var pieces = tokenizer.EncodeToIds(text, addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true);
        var ids = new List<int>(Math.Min(pieces.Count, maxLength - 2) + 2) { tokenizer.ClassificationTokenId };
        ids.AddRange(pieces.Take(maxLength - 2));
        ids.Add(tokenizer.SeparatorTokenId);
        return ids;
    }
}
