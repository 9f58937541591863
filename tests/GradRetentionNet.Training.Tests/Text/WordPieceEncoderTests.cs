using GradRetentionNet.Training.Text;

namespace GradRetentionNet.Training.Tests.Text;

public sealed class WordPieceEncoderTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("grn-vocab-").FullName;

    [Fact]
    public void Encodes_with_a_vocab_file_as_bert_uncased_does()
    {
        var vocabulary = Path.Combine(folder, "vocab.txt");
        File.WriteAllLines(vocabulary, ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "film", "was", "great", "!", "un", "##believ", "##able"]);
        var encoder = WordPieceEncoder.FromVocabulary(vocabulary);

        encoder.VocabularySize.Should().Be(13);
        encoder.PaddingId.Should().Be(0);
        encoder.Encode("The film was GREAT!", 128).Should().Equal(2, 5, 6, 7, 8, 9, 3);
        encoder.Encode("unbelievable", 128).Should().Equal(2, 10, 11, 12, 3);
        encoder.Encode("the cinema", 128).Should().Equal(2, 5, 1, 3);
    }

    [Fact]
    public void Accents_are_stripped_as_bert_uncased_does()
    {
        var vocabulary = Path.Combine(folder, "vocab.txt");
        File.WriteAllLines(vocabulary, ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "cafe", "naive"]);
        var encoder = WordPieceEncoder.FromVocabulary(vocabulary);
        encoder.Encode("Café NAÏVE", 128).Should().Equal(2, 5, 6, 3);
    }

    [Fact]
    public void Truncation_keeps_the_separator()
    {
        var vocabulary = Path.Combine(folder, "vocab.txt");
        File.WriteAllLines(vocabulary, ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "a"]);
        WordPieceEncoder.FromVocabulary(vocabulary).Encode(string.Join(' ', Enumerable.Repeat("a", 50)), 6).Should().Equal(2, 5, 5, 5, 5, 3);
    }

    [Fact]
    public void A_built_vocabulary_is_deterministic_and_spells_unseen_words()
    {
        string[] texts = ["A great film, truly great.", "The film was dull", "Great acting; dull plot!"];
        VocabularyBuilder.Build(texts).Should().Equal(VocabularyBuilder.Build(texts.ToArray()));
        var vocabulary = VocabularyBuilder.Build(texts).ToList();
        vocabulary.Take(5).Should().Equal("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");
        vocabulary.Should().Contain(["great", "film", "dull", "##g", "g"]);
        vocabulary.IndexOf("great").Should().BeLessThan(vocabulary.IndexOf("acting"), "more frequent words come first");

        var encoder = WordPieceEncoder.FromTexts(texts);
        var unseen = encoder.Encode("graceful", 128);
        unseen.Should().NotContain(1, "every character of the training texts is in the vocabulary");
        unseen.Count.Should().BeGreaterThan(3);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
