using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Training.Jobs;
using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Tests.Jobs;

/// <summary>Text batches are cut to their longest text, not padded to 128: the model's figures are the same either way.</summary>
public sealed class TextBatchPaddingTests
{
    [Fact]
    public void Logits_and_loss_of_a_real_batch_are_the_same_cut_to_its_longest_text_as_padded_to_128()
    {
        var spec = new JobSpec
        {
            Dataset = "imdb-sentences", Model = "text-classifier", Optimizer = "sgd", MaxTrainSamples = 64, MaxTestSamples = 16,
            Device = "cpu", GradCamSamples = 0,
        };
        using var data = JobDataLoader.Load(spec);
        torch.manual_seed(3);
        using var model = ModelCatalog.Create(spec.Model, new ModelContext(data.Info, [JobDataLoader.MaxTokens], data.Encoder!.VocabularySize));
        model.Module.eval();

        using var batch = data.Train.Batches(32, CPU, new Generator(5)).First();
        var longest = batch.Input.shape[1];
        longest.Should().BeLessThan(JobDataLoader.MaxTokens, "these sentences are short: the batch was cut");
        var padding = JobDataLoader.MaxTokens - longest;
        using var padded = new GradRetentionNet.Data.Batch(
            nn.functional.pad(batch.Input, [0, padding], value: data.Encoder.PaddingId), batch.Target.clone(), nn.functional.pad(batch.AttentionMask!, [0, padding]));

        using (torch.no_grad())
        {
            var cut = model.Forward(batch);
            var full = model.Forward(padded);
            full.allclose(cut, rtol: 1e-5, atol: 1e-6).Should().BeTrue("padding is masked out of attention and the classifier reads [CLS]");
            model.Loss(full, padded).item<float>().Should().BeApproximately(model.Loss(cut, batch).item<float>(), 1e-6f);
        }
    }
}
