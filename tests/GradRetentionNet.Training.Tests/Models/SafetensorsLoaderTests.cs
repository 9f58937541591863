using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using GradRetentionNet.Training.Models.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Tests.Models;

public sealed class SafetensorsLoaderTests : IDisposable
{
    static readonly BertConfig Tiny = new(VocabularySize: 30, Hidden: 8, Layers: 1, Heads: 2, Intermediate: 16, MaxPositions: 12);
    readonly string folder = Directory.CreateTempSubdirectory("grn-safetensors-").FullName;

    /// <summary>Writes a real safetensors file: header length, JSON header, little-endian data.</summary>
    static void Write(string path, IEnumerable<(string Name, string DType, long[] Shape, byte[] Data)> tensors, int truncateBy = 0)
    {
        var header = new Dictionary<string, object> { ["__metadata__"] = new Dictionary<string, string> { ["format"] = "pt" } };
        var data = new MemoryStream();
        foreach (var (name, dtype, shape, bytes) in tensors)
        {
            header[name] = new { dtype, shape, data_offsets = new[] { data.Length, data.Length + bytes.Length } };
            data.Write(bytes);
        }
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
        var file = new byte[8 + json.Length + data.Length];
        BinaryPrimitives.WriteInt64LittleEndian(file, json.Length);
        json.CopyTo(file, 8);
        data.ToArray().CopyTo(file, 8 + json.Length);
        File.WriteAllBytes(path, file[..^truncateBy]);
    }

    static byte[] Float32(Tensor tensor) => tensor.contiguous().data<float>().ToArray().SelectMany(BitConverter.GetBytes).ToArray();

    static IEnumerable<(string, string, long[], byte[])> Checkpoint(TextClassifier source, bool withClassifier, Func<string, string>? rename = null) =>
        source.named_parameters()
            .Where(p => withClassifier || !p.name.StartsWith("classifier."))
            .Select(p => ((rename ?? (n => n))(p.name), "F32", p.parameter.shape, Float32(p.parameter)));

    [Fact]
    public void Loads_every_encoder_tensor_by_its_hugging_face_name()
    {
        torch.manual_seed(1);
        using var source = new TextClassifier(Tiny, 2);
        var path = Path.Combine(folder, "model.safetensors");
        Write(path, Checkpoint(source, withClassifier: false).Append(("cls.predictions.bias", "F32", [30], new byte[120])));

        torch.manual_seed(99);
        using var target = new TextClassifier(Tiny, 2);
        var report = SafetensorsLoader.Load(target, path, optional: n => n.StartsWith("classifier."));

        report.LeftInitialised.Should().Equal("classifier.weight", "classifier.bias");
        report.Unused.Should().Equal("cls.predictions.bias");
        foreach (var ((name, loaded), (_, original)) in target.named_parameters().Zip(source.named_parameters()))
            if (!name.StartsWith("classifier."))
                loaded.eq(original).all().item<bool>().Should().BeTrue(name);
    }

    [Fact]
    public void Reads_a_bare_encoder_checkpoint_and_half_precision()
    {
        torch.manual_seed(1);
        using var source = new TextClassifier(Tiny, 2);
        var path = Path.Combine(folder, "model.safetensors");
        // Bare BertModel names (no "bert." prefix), old gamma/beta LayerNorm names, word embeddings in F16 and pooler in BF16.
        var tensors = Checkpoint(source, withClassifier: true, n => n.Replace("bert.", "").Replace("LayerNorm.weight", "LayerNorm.gamma").Replace("LayerNorm.bias", "LayerNorm.beta"))
            .Select(t => t.Item1 switch
            {
                "embeddings.word_embeddings.weight" => (t.Item1, "F16", t.Item3, source.named_parameters().First().parameter.to(ScalarType.Float16).contiguous().data<Half>().ToArray().SelectMany(h => BitConverter.GetBytes(h)).ToArray()),
                "pooler.dense.bias" => (t.Item1, "BF16", t.Item3, t.Item4.Chunk(4).SelectMany(f => f[2..4]).ToArray()),
                _ => t,
            });
        Write(path, tensors);

        using var target = new TextClassifier(Tiny, 2);
        SafetensorsLoader.Load(target, path).LeftInitialised.Should().BeEmpty();
        var words = target.named_parameters().Single(p => p.name == "bert.embeddings.word_embeddings.weight").parameter;
        words.allclose(source.named_parameters().First().parameter, rtol: 1e-3, atol: 1e-3).Should().BeTrue("F16 keeps about 3 decimal digits");
        var pooler = target.named_parameters().Single(p => p.name == "bert.pooler.dense.bias").parameter;
        pooler.allclose(source.named_parameters().Single(p => p.name == "bert.pooler.dense.bias").parameter, rtol: 1e-2, atol: 1e-2).Should().BeTrue();
    }

    [Fact]
    public void Bad_files_fail_with_one_line_naming_the_problem()
    {
        torch.manual_seed(1);
        using var model = new TextClassifier(Tiny, 2);
        var path = Path.Combine(folder, "bad.safetensors");
        void Fails(string pattern) =>
            ((Action)(() => SafetensorsLoader.Load(model, path, n => n.StartsWith("classifier.")))).Should().Throw<InvalidDataException>().WithMessage(pattern).Which.Message.Should().NotContain("\n");

        File.WriteAllBytes(path, [1, 2, 3]);
        Fails("*is truncated: a safetensors file starts with an 8-byte header length");

        var garbage = new byte[40];
        BinaryPrimitives.WriteInt64LittleEndian(garbage, 20);
        Encoding.ASCII.GetBytes("{not json at all    ").CopyTo(garbage, 8);
        File.WriteAllBytes(path, garbage);
        Fails("*has a malformed safetensors header (bytes 8 to 28)*");

        Write(path, Checkpoint(model, false), truncateBy: 10);
        Fails("*is truncated: tensor '*' ends at byte * but the file has * bytes");

        Write(path, Checkpoint(model, false).Select(t => t.Item1 == "bert.pooler.dense.weight" ? (t.Item1, "F32", new long[] { 4, 16 }, t.Item4) : t));
        Fails("*tensor 'bert.pooler.dense.weight' has shape [4, 16] but parameter 'bert.pooler.dense.weight' has [8, 8]");

        Write(path, Checkpoint(model, false).Select(t => t.Item1 == "bert.pooler.dense.bias" ? (t.Item1, "I64", t.Item3, t.Item4) : t));
        Fails("*tensor 'bert.pooler.dense.bias' has dtype I64; F32, F16 and BF16 can be loaded");

        Write(path, Checkpoint(model, false).Where(t => t.Item1 != "bert.encoder.layer.0.intermediate.dense.bias"));
        Fails("*has no tensor for parameter 'bert.encoder.layer.0.intermediate.dense.bias'");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
