namespace GradRetentionNet.Data.Tests.Support;

/// <summary>A transparent encoder for tests: [CLS]=1, one id per character (3 + code mod 100), [SEP]=2, padding 0.</summary>
public sealed class CharacterEncoder : ITextEncoder
{
    public int VocabularySize => 103;

    public int PaddingId => 0;

    public IReadOnlyList<int> Encode(string text, int maxLength) =>
        [.. new[] { 1 }.Concat(text.Select(c => 3 + c % 100)).Append(2).Take(maxLength)];
}
