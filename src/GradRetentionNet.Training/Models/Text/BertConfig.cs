namespace GradRetentionNet.Training.Models.Text;

/// <summary>The shape of a BERT encoder.</summary>
public sealed record BertConfig(
    int VocabularySize,
    int Hidden = 768,
    int Layers = 12,
    int Heads = 12,
    int Intermediate = 3072,
    int MaxPositions = 512,
    int TokenTypes = 2,
    double Dropout = 0.1,
    double LayerNormEpsilon = 1e-12)
{
    /// <summary>bert-base-uncased: 109,482,240 parameters with the pooler.</summary>
    public static BertConfig BertBaseUncased { get; } = new(30_522);

    /// <summary>A small encoder that trains from scratch on a 2-core CPU (hidden 128, 2 layers, 2 heads).</summary>
    public static BertConfig Small(int vocabularySize) => new(vocabularySize, Hidden: 128, Layers: 2, Heads: 2, Intermediate: 512, MaxPositions: 128);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent value.</summary>
    public void Validate()
    {
        if (VocabularySize < 1) throw new ArgumentException($"invalid vocabulary size {VocabularySize}");
        if (Hidden < 1 || Layers < 1 || Heads < 1 || Intermediate < 1 || MaxPositions < 2 || TokenTypes < 1)
            throw new ArgumentException($"invalid BERT shape: {this}");
        if (Hidden % Heads != 0) throw new ArgumentException($"hidden size {Hidden} is not a multiple of the {Heads} attention heads");
    }
}
