using System.Globalization;
using System.Text;

namespace GradRetentionNet.Training.Text;

/// <summary>
/// Builds a WordPiece vocabulary from training texts when no vocab.txt is given: the special
/// tokens, every character seen (alone and as a "##" continuation, so any word can be spelt),
/// then the most frequent words. Deterministic: ties break by ordinal order.
/// </summary>
public static class VocabularyBuilder
{
    public static readonly string[] SpecialTokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];

    /// <summary>Writes vocab.txt to <paramref name="path"/> with at most <paramref name="maxSize"/> tokens.</summary>
    public static void Write(IEnumerable<string> texts, string path, int maxSize = 8_000)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllLines(path, Build(texts, maxSize), new UTF8Encoding(false));
    }

    /// <summary>The vocabulary, one token per entry, the index being the id.</summary>
    public static IReadOnlyList<string> Build(IEnumerable<string> texts, int maxSize = 8_000)
    {
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        var characters = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
            foreach (var word in Words(text))
            {
                words[word] = words.GetValueOrDefault(word) + 1;
                foreach (var character in TextElements(word)) characters.Add(character);
            }

        var vocabulary = new List<string>(SpecialTokens);
        vocabulary.AddRange(characters);
        vocabulary.AddRange(characters.Select(c => "##" + c));
        var known = new HashSet<string>(vocabulary, StringComparer.Ordinal);
        var room = Math.Max(0, maxSize - vocabulary.Count);
        vocabulary.AddRange(words.Where(w => !known.Contains(w.Key))
            .OrderByDescending(w => w.Value).ThenBy(w => w.Key, StringComparer.Ordinal)
            .Take(room).Select(w => w.Key));
        return vocabulary;
    }

    // The same split BERT's basic tokenisation makes: lower case, words and single punctuation marks.
    static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var character in text.ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(character) == UnicodeCategory.NonSpacingMark) continue; // accents, as uncased BERT strips them
            if (char.IsWhiteSpace(character) || char.IsPunctuation(character) || char.IsSymbol(character))
            {
                if (word.Length > 0) yield return word.ToString();
                word.Clear();
                if (!char.IsWhiteSpace(character)) yield return character.ToString();
            }
            else
            {
                word.Append(character);
            }
        }
        if (word.Length > 0) yield return word.ToString();
    }

    static IEnumerable<string> TextElements(string word)
    {
        var enumerator = StringInfo.GetTextElementEnumerator(word);
        while (enumerator.MoveNext()) yield return (string)enumerator.Current;
    }
}
