using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

// Field names are the module names Hugging Face uses (word_embeddings, LayerNorm, self, …), so
// that a BERT checkpoint's tensor names address our parameters directly.
#pragma warning disable IDE1006
namespace GradRetentionNet.Training.Models.Text;

/// <summary>Word + position + token-type embeddings, layer norm, dropout.</summary>
internal sealed class BertEmbeddings : nn.Module<Tensor, Tensor>
{
    readonly Embedding word_embeddings;
    readonly Embedding position_embeddings;
    readonly Embedding token_type_embeddings;
    readonly LayerNorm LayerNorm;
    readonly Dropout dropout;

    public BertEmbeddings(BertConfig config) : base("embeddings")
    {
        word_embeddings = nn.Embedding(config.VocabularySize, config.Hidden);
        position_embeddings = nn.Embedding(config.MaxPositions, config.Hidden);
        token_type_embeddings = nn.Embedding(config.TokenTypes, config.Hidden);
        LayerNorm = nn.LayerNorm(config.Hidden, config.LayerNormEpsilon);
        dropout = nn.Dropout(config.Dropout);
        RegisterComponents();
    }

    public override Tensor forward(Tensor ids)
    {
        using var scope = NewDisposeScope();
        var positions = torch.arange(ids.shape[1], device: ids.device).unsqueeze(0);
        var embedded = word_embeddings.forward(ids) + position_embeddings.forward(positions) + token_type_embeddings.forward(torch.zeros_like(ids));
        return dropout.forward(LayerNorm.forward(embedded)).MoveToOuterDisposeScope();
    }
}

/// <summary>Multi-head self-attention with an additive mask (0 for tokens, a large negative for padding).</summary>
internal sealed class BertSelfAttention : nn.Module<Tensor, Tensor, Tensor>
{
    readonly Linear query;
    readonly Linear key;
    readonly Linear value;
    readonly Dropout dropout;
    readonly int heads;

    public BertSelfAttention(BertConfig config) : base("self")
    {
        query = nn.Linear(config.Hidden, config.Hidden);
        key = nn.Linear(config.Hidden, config.Hidden);
        value = nn.Linear(config.Hidden, config.Hidden);
        dropout = nn.Dropout(config.Dropout);
        heads = config.Heads;
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden, Tensor additiveMask)
    {
        using var scope = NewDisposeScope();
        var (batch, length, width) = (hidden.shape[0], hidden.shape[1], hidden.shape[2]);
        var headWidth = width / heads;
        Tensor Split(Tensor x) => x.view(batch, length, heads, headWidth).transpose(1, 2);
        var scores = Split(query.forward(hidden)).matmul(Split(key.forward(hidden)).transpose(-1, -2)) / Math.Sqrt(headWidth);
        var probabilities = dropout.forward(nn.functional.softmax(scores + additiveMask, -1));
        var context = probabilities.matmul(Split(value.forward(hidden))).transpose(1, 2).reshape(batch, length, width);
        return context.MoveToOuterDisposeScope();
    }
}

/// <summary>Dense projection, dropout, residual add, layer norm.</summary>
internal sealed class BertResidualOutput : nn.Module<Tensor, Tensor, Tensor>
{
    readonly Linear dense;
    readonly LayerNorm LayerNorm;
    readonly Dropout dropout;

    public BertResidualOutput(int input, BertConfig config) : base("output")
    {
        dense = nn.Linear(input, config.Hidden);
        LayerNorm = nn.LayerNorm(config.Hidden, config.LayerNormEpsilon);
        dropout = nn.Dropout(config.Dropout);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input, Tensor residual) => LayerNorm.forward(dropout.forward(dense.forward(input)) + residual);
}

/// <summary>Self-attention followed by its residual output.</summary>
internal sealed class BertAttention : nn.Module<Tensor, Tensor, Tensor>
{
    readonly BertSelfAttention self;
    readonly BertResidualOutput output;

    public BertAttention(BertConfig config) : base("attention")
    {
        self = new BertSelfAttention(config);
        output = new BertResidualOutput(config.Hidden, config);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden, Tensor additiveMask) => output.forward(self.forward(hidden, additiveMask), hidden);
}

/// <summary>The GELU feed-forward expansion.</summary>
internal sealed class BertIntermediate : nn.Module<Tensor, Tensor>
{
    readonly Linear dense;

    public BertIntermediate(BertConfig config) : base("intermediate")
    {
        dense = nn.Linear(config.Hidden, config.Intermediate);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden) => nn.functional.gelu(dense.forward(hidden));
}

/// <summary>One transformer encoder layer, post-norm as in BERT.</summary>
internal sealed class BertLayer : nn.Module<Tensor, Tensor, Tensor>
{
    readonly BertAttention attention;
    readonly BertIntermediate intermediate;
    readonly BertResidualOutput output;

    public BertLayer(BertConfig config) : base("layer")
    {
        attention = new BertAttention(config);
        intermediate = new BertIntermediate(config);
        output = new BertResidualOutput(config.Intermediate, config);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden, Tensor additiveMask)
    {
        using var scope = NewDisposeScope();
        var attended = attention.forward(hidden, additiveMask);
        return output.forward(intermediate.forward(attended), attended).MoveToOuterDisposeScope();
    }
}

/// <summary>The stack of encoder layers.</summary>
internal sealed class BertEncoder : nn.Module<Tensor, Tensor, Tensor>
{
    readonly ModuleList<BertLayer> layer = new();

    public BertEncoder(BertConfig config) : base("encoder")
    {
        for (var i = 0; i < config.Layers; i++) layer.Add(new BertLayer(config));
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden, Tensor additiveMask)
    {
        foreach (var block in layer) hidden = block.forward(hidden, additiveMask);
        return hidden;
    }
}

/// <summary>Dense + tanh on the first ([CLS]) token.</summary>
internal sealed class BertPooler : nn.Module<Tensor, Tensor>
{
    readonly Linear dense;

    public BertPooler(BertConfig config) : base("pooler")
    {
        dense = nn.Linear(config.Hidden, config.Hidden);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden) => torch.tanh(dense.forward(hidden.select(1, 0)));
}

/// <summary>Embeddings, encoder, pooler: Hugging Face's BertModel.</summary>
internal sealed class BertModel : nn.Module<Tensor, Tensor, Tensor>
{
    readonly BertEmbeddings embeddings;
    readonly BertEncoder encoder;
    readonly BertPooler pooler;

    public BertModel(BertConfig config) : base("bert")
    {
        embeddings = new BertEmbeddings(config);
        encoder = new BertEncoder(config);
        pooler = new BertPooler(config);
        RegisterComponents();
    }

    /// <summary>The pooled [CLS] representation [B, hidden].</summary>
    public override Tensor forward(Tensor ids, Tensor attentionMask)
    {
        using var scope = NewDisposeScope();
        // Padding gets a large negative score before the softmax, so no token attends to it.
        var additiveMask = (1 - attentionMask.to(ScalarType.Float32)).mul(-10_000f).unsqueeze(1).unsqueeze(1);
        var hidden = encoder.forward(embeddings.forward(ids), additiveMask.to(embeddingsDtype()));
        return pooler.forward(hidden).MoveToOuterDisposeScope();
    }

    ScalarType embeddingsDtype() => parameters().First().dtype;
}
