using static TorchSharp.torch;

namespace GradRetentionNet.Data.Splits;

/// <summary>
/// An encoded text split: token ids and attention mask int64 [N, L] (padded to L with the
/// encoder's padding id) and labels int64 [N]. Batches carry all three, cut to their longest text:
/// a batch of short texts is [B, longest], not [B, L].
/// </summary>
public sealed class TokenizedSplit : IDataSplit
{
    readonly SplitStorage storage;

    /// <summary>Takes ownership of <paramref name="ids"/>, <paramref name="attentionMask"/> (int64 [N, L]) and <paramref name="labels"/> (int64 [N]).</summary>
    public TokenizedSplit(Tensor ids, Tensor attentionMask, Tensor labels, bool deviceResident = false)
    {
        if (ids.dtype != ScalarType.Int64 || ids.dim() != 2 || attentionMask.dtype != ScalarType.Int64
            || !attentionMask.shape.SequenceEqual(ids.shape) || labels.dtype != ScalarType.Int64 || labels.dim() != 1)
            throw new ArgumentException($"expected int64 ids and mask [N, L] and int64 labels [N], not ids {ids.dtype} [{string.Join(", ", ids.shape)}], mask {attentionMask.dtype} [{string.Join(", ", attentionMask.shape)}], labels {labels.dtype} [{string.Join(", ", labels.shape)}]");
        storage = new SplitStorage(deviceResident, ids, attentionMask, labels);
    }

    /// <summary>Encodes <paramref name="texts"/> (see <see cref="TextSplit.Encode"/>).</summary>
    public static TokenizedSplit Encode(IReadOnlyList<string> texts, IReadOnlyList<int> labels, ITextEncoder encoder, int maxLength, bool deviceResident = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLength);
        if (texts.Count != labels.Count) throw new ArgumentException($"{texts.Count} texts but {labels.Count} labels");

        var ids = new long[(long)texts.Count * maxLength];
        Array.Fill(ids, encoder.PaddingId);
        var mask = new long[ids.Length];
        for (var i = 0; i < texts.Count; i++)
        {
            var tokens = encoder.Encode(texts[i], maxLength);
            if (tokens.Count > maxLength)
                throw new InvalidOperationException($"the encoder returned {tokens.Count} ids for text {i}, more than the {maxLength} asked for");
            for (var t = 0; t < tokens.Count; t++)
            {
                if (tokens[t] < 0 || tokens[t] >= encoder.VocabularySize)
                    throw new InvalidOperationException($"the encoder returned id {tokens[t]} for text {i}, outside its vocabulary of {encoder.VocabularySize}");
                ids[(long)i * maxLength + t] = tokens[t];
                mask[(long)i * maxLength + t] = 1;
            }
        }

        long[] shape = [texts.Count, maxLength];
        return new TokenizedSplit(
            tensor(ids, shape, dtype: ScalarType.Int64),
            tensor(mask, shape, dtype: ScalarType.Int64),
            tensor([.. labels.Select(l => (long)l)], dtype: ScalarType.Int64),
            deviceResident);
    }

    /// <inheritdoc />
    public long Count => storage.Count;

    /// <summary>Sequence length L of the stored split: the longest a batch can be.</summary>
    public int SequenceLength => (int)storage.Host(0).shape[1];

    /// <summary>The stored token ids on the host: int64 [N, L]. Owned by the split.</summary>
    public Tensor Ids => storage.Host(0);

    /// <summary>The stored attention mask on the host: int64 [N, L]. Owned by the split.</summary>
    public Tensor AttentionMask => storage.Host(1);

    /// <summary>The stored labels on the host: int64 [N]. Owned by the split.</summary>
    public Tensor Labels => storage.Host(2);

    /// <inheritdoc />
    public IEnumerable<Batch> Batches(int batchSize, Device device, Generator? shuffle = null)
    {
        var plan = storage.Plan(batchSize, device, shuffle);
        return Iterate(plan);
    }

    static IEnumerable<Batch> Iterate(IEnumerable<BatchRows> plan)
    {
        foreach (var rows in plan)
        {
            Batch batch;
            using (NewDisposeScope())
            {
                var mask = rows.Take(1);
                var used = UsedColumns(mask);
                batch = new Batch(rows.Take(0).narrow(1, 0, used).contiguous().DetachFromDisposeScope(), rows.Take(2).DetachFromDisposeScope(),
                    mask.narrow(1, 0, used).contiguous().DetachFromDisposeScope());
            }
            yield return batch;
        }
    }

    /// <summary>
    /// Columns up to the last one that is a token in some row of <paramref name="mask"/> [B, L]. The
    /// columns after it are padding in every row, and padding changes nothing a model computes for the
    /// tokens (masked out of attention), while attention's cost grows with the square of the length:
    /// most texts are far shorter than L. One read of a scalar from the batch's device.
    /// </summary>
    static long UsedColumns(Tensor mask)
    {
        var length = mask.shape[1];
        var last = (mask.amax(0) * arange(1, length + 1, dtype: ScalarType.Int64, device: mask.device)).max().item<long>();
        return Math.Max(1, last);
    }

    public void Dispose() => storage.Dispose();
}
