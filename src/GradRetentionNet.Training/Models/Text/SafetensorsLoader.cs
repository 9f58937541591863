using System.Buffers.Binary;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Models.Text;

/// <summary>
/// Loads weights from a Hugging Face <c>model.safetensors</c> file (8-byte little-endian header
/// length, a JSON header of name → dtype, shape and data offsets, then raw little-endian data)
/// into a module, by parameter name. F32, F16 and BF16 tensors load as float32.
/// </summary>
public static class SafetensorsLoader
{
    sealed record Entry(string DType, long[] Shape, long Begin, long End);

    /// <summary>What a load did.</summary>
    /// <param name="Loaded">Parameters set from the file.</param>
    /// <param name="LeftInitialised">Parameters the file lacked and <c>optional</c> allowed (e.g. a new classifier head).</param>
    /// <param name="Unused">Tensors in the file no parameter wanted (e.g. a pre-training head).</param>
    public sealed record LoadReport(IReadOnlyList<string> Loaded, IReadOnlyList<string> LeftInitialised, IReadOnlyList<string> Unused);

    /// <summary>
    /// Sets every parameter of <paramref name="module"/> from <paramref name="path"/>. A parameter
    /// is found under its own name, or without a leading "bert." (checkpoints of the bare
    /// encoder), with old-style LayerNorm gamma/beta names accepted. Parameters for which
    /// <paramref name="optional"/> is true may be missing; any other missing one is an error.
    /// </summary>
    public static LoadReport Load(nn.Module module, string path, Func<string, bool>? optional = null)
    {
        using var file = File.OpenRead(path);
        var (entries, dataStart) = ReadHeader(file, path);
        var loaded = new List<string>();
        var leftInitialised = new List<string>();
        var used = new HashSet<string>(StringComparer.Ordinal);

        using var noGrad = torch.no_grad();
        foreach (var (name, parameter) in module.named_parameters())
        {
            var key = Candidates(name).FirstOrDefault(entries.ContainsKey);
            if (key is null)
            {
                if (optional?.Invoke(name) == true)
                {
                    leftInitialised.Add(name);
                    continue;
                }
                throw new InvalidDataException($"{path} has no tensor for parameter '{name}'");
            }
            var entry = entries[key];
            if (!entry.Shape.SequenceEqual(parameter.shape))
                throw new InvalidDataException($"{path}: tensor '{key}' has shape [{string.Join(", ", entry.Shape)}] but parameter '{name}' has [{string.Join(", ", parameter.shape)}]");
            using var values = ReadTensor(file, path, key, entry, dataStart);
            parameter.copy_(values);
            loaded.Add(name);
            used.Add(key);
        }
        return new LoadReport(loaded, leftInitialised, entries.Keys.Where(k => !used.Contains(k)).OrderBy(k => k, StringComparer.Ordinal).ToList());
    }

    static IEnumerable<string> Candidates(string name)
    {
        foreach (var candidate in new[] { name, name.StartsWith("bert.", StringComparison.Ordinal) ? name["bert.".Length..] : null })
        {
            if (candidate is null) continue;
            yield return candidate;
            if (candidate.EndsWith("LayerNorm.weight", StringComparison.Ordinal)) yield return candidate[..^"weight".Length] + "gamma";
            if (candidate.EndsWith("LayerNorm.bias", StringComparison.Ordinal)) yield return candidate[..^"bias".Length] + "beta";
        }
    }

    static (Dictionary<string, Entry> Entries, long DataStart) ReadHeader(Stream file, string path)
    {
        Span<byte> lengthBytes = stackalloc byte[8];
        if (file.Length < 8 || file.Read(lengthBytes) != 8)
            throw new InvalidDataException($"{path} is truncated: a safetensors file starts with an 8-byte header length");
        var headerLength = BinaryPrimitives.ReadInt64LittleEndian(lengthBytes);
        if (headerLength <= 0 || headerLength > file.Length - 8)
            throw new InvalidDataException($"{path} is truncated or not safetensors: header length {headerLength} at byte 0, but the file has {file.Length} bytes");

        var header = new byte[headerLength];
        file.ReadExactly(header);
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        try
        {
            using var json = JsonDocument.Parse(header);
            foreach (var property in json.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__") continue;
                var offsets = property.Value.GetProperty("data_offsets");
                entries[property.Name] = new Entry(
                    property.Value.GetProperty("dtype").GetString() ?? "",
                    property.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray(),
                    offsets[0].GetInt64(),
                    offsets[1].GetInt64());
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"{path} has a malformed safetensors header (bytes 8 to {8 + headerLength}): {e.Message}");
        }
        return (entries, 8 + headerLength);
    }

    static Tensor ReadTensor(Stream file, string path, string name, Entry entry, long dataStart)
    {
        var elements = entry.Shape.Aggregate(1L, (product, size) => product * size);
        var width = entry.DType switch
        {
            "F32" => 4,
            "F16" or "BF16" => 2,
            _ => throw new InvalidDataException($"{path}: tensor '{name}' has dtype {entry.DType}; F32, F16 and BF16 can be loaded"),
        };
        if (entry.End - entry.Begin != elements * width)
            throw new InvalidDataException($"{path}: tensor '{name}' spans {entry.End - entry.Begin} bytes but {entry.DType}[{string.Join(", ", entry.Shape)}] needs {elements * width}");
        if (dataStart + entry.End > file.Length)
            throw new InvalidDataException($"{path} is truncated: tensor '{name}' ends at byte {dataStart + entry.End} but the file has {file.Length} bytes");

        var bytes = new byte[entry.End - entry.Begin];
        file.Seek(dataStart + entry.Begin, SeekOrigin.Begin);
        file.ReadExactly(bytes);
        var values = new float[elements];
        for (long i = 0; i < elements; i++)
        {
            var at = (int)(i * width);
            values[i] = entry.DType switch
            {
                "F32" => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(at)),
                "F16" => (float)BinaryPrimitives.ReadHalfLittleEndian(bytes.AsSpan(at)),
                _ => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at)) << 16),
            };
        }
        return torch.tensor(values).reshape(entry.Shape);
    }
}
