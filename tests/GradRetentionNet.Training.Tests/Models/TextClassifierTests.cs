using GradRetentionNet.Training.Models.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Tests.Models;

public sealed class TextClassifierTests
{
    static readonly BertConfig Tiny = new(VocabularySize: 50, Hidden: 16, Layers: 2, Heads: 2, Intermediate: 32, MaxPositions: 24);

    [Fact]
    public void Gives_one_logit_row_per_text()
    {
        torch.manual_seed(1);
        using var model = new TextClassifier(Tiny, classes: 4);
        using var logits = model.forward(torch.randint(5, 50, [3, 10]), torch.ones(3, 10, dtype: ScalarType.Int64));
        logits.shape.Should().Equal(3, 4);
    }

    [Fact]
    public void Padding_does_not_change_the_logits()
    {
        torch.manual_seed(2);
        using var model = new TextClassifier(Tiny, classes: 2);
        model.eval();
        var ids = torch.tensor(new long[] { 2, 17, 23, 9, 3 }).unsqueeze(0);
        var padded = torch.cat([ids, torch.zeros(1, 6, dtype: ScalarType.Int64)], 1);
        var mask = torch.cat([torch.ones(1, 5, dtype: ScalarType.Int64), torch.zeros(1, 6, dtype: ScalarType.Int64)], 1);

        var plain = model.forward(ids, torch.ones(1, 5, dtype: ScalarType.Int64));
        var withPadding = model.forward(padded, mask);
        withPadding.allclose(plain, rtol: 1e-5, atol: 1e-6).Should().BeTrue();

        // Without the mask the same padding does change them: the mask is what protects them.
        model.forward(padded, torch.ones(1, 11, dtype: ScalarType.Int64)).allclose(plain, rtol: 1e-5, atol: 1e-6).Should().BeFalse();
    }

    [Fact]
    public void Learns_a_task_that_depends_on_one_token_anywhere_in_a_padded_sequence()
    {
        // Label 1 when token 7 occurs in the sequence; lengths vary and the rest is padding.
        torch.manual_seed(3);
        using var generator = new Generator(4);
        var ids = torch.randint(8, 50, [256, 16], generator: generator);
        var lengths = torch.randint(4, 17, 256, generator: generator);
        var mask = torch.arange(16).unsqueeze(0).lt(lengths.unsqueeze(1)).to(ScalarType.Int64);
        var labels = torch.randint(0, 2, 256, generator: generator);
        var positions = (torch.rand(256, generator: generator) * (lengths - 1).to(ScalarType.Float32)).to(ScalarType.Int64);
        ids[torch.arange(256), positions] = torch.where(labels.eq(1), torch.tensor(7L), ids[torch.arange(256), positions]);
        ids = ids * mask;

        using var model = new TextClassifier(Tiny with { Hidden = 32, Intermediate = 64 }, classes: 2);
        using var optimizer = torch.optim.AdamW(model.parameters(), 3e-3, weight_decay: 0.01);
        for (var step = 0; step < 150; step++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            nn.functional.cross_entropy(model.forward(ids, mask), labels).backward();
            optimizer.step();
        }
        model.eval();
        using var noGrad = torch.no_grad();
        var accuracy = model.forward(ids, mask).argmax(1).eq(labels).to(ScalarType.Float32).mean().item<float>();
        accuracy.Should().BeGreaterThan(0.9f);
    }

    [Fact]
    public void Bert_base_uncased_has_the_published_parameter_count()
    {
        using var model = new TextClassifier(BertConfig.BertBaseUncased, classes: 2);
        var encoder = model.named_parameters().Where(p => p.name.StartsWith("bert.")).Sum(p => p.parameter.numel());
        encoder.Should().Be(109_482_240);
        model.parameters().Sum(p => p.numel()).Should().Be(109_482_240 + 768 * 2 + 2);
    }

    [Fact]
    public void Parameter_names_are_hugging_faces()
    {
        using var model = new TextClassifier(Tiny, classes: 2);
        model.named_parameters().Select(p => p.name).Should().Contain([
            "bert.embeddings.word_embeddings.weight", "bert.embeddings.LayerNorm.bias",
            "bert.encoder.layer.0.attention.self.query.weight", "bert.encoder.layer.1.attention.output.LayerNorm.weight",
            "bert.encoder.layer.1.intermediate.dense.weight", "bert.encoder.layer.0.output.dense.bias",
            "bert.pooler.dense.weight", "classifier.weight"]);
    }
}
