using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Models.Text;

/// <summary>
/// A BERT-architecture text classifier (Hugging Face's BertForSequenceClassification): the
/// encoder's pooled [CLS] vector, dropout, a linear layer to the classes. Parameter names
/// match Hugging Face's, so <see cref="SafetensorsLoader"/> can load pretrained weights.
/// </summary>
public sealed class TextClassifier : nn.Module<Tensor, Tensor, Tensor>
{
    readonly BertModel bert;
    readonly Dropout dropout;
    readonly Linear classifier;

    public TextClassifier(BertConfig config, int classes) : base(nameof(TextClassifier))
    {
        config.Validate();
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "needs at least 2 classes");
        Config = config;
        bert = new BertModel(config);
        dropout = nn.Dropout(config.Dropout);
        classifier = nn.Linear(config.Hidden, classes);
        RegisterComponents();
    }

    public BertConfig Config { get; }

    /// <summary>Logits [B, classes] for token ids [B, L] and an attention mask [B, L] (1 token, 0 padding).</summary>
    public override Tensor forward(Tensor ids, Tensor attentionMask)
    {
        if (ids.shape[1] > Config.MaxPositions)
            throw new ArgumentException($"sequences of {ids.shape[1]} tokens exceed the model's {Config.MaxPositions} positions");
        return classifier.forward(dropout.forward(bert.forward(ids, attentionMask)));
    }
}
