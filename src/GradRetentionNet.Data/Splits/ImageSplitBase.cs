using static TorchSharp.torch;

namespace GradRetentionNet.Data.Splits;

/// <summary>
/// What image classification and segmentation splits share: uint8 images [N, C, H, W] kept as
/// bytes (a quarter of the memory of float32) and normalised per channel only when a batch is
/// made, and a per-example target converted to int64 at batch time.
/// </summary>
public abstract class ImageSplitBase : IDataSplit
{
    private protected readonly SplitStorage Storage;

    private protected ImageSplitBase(Tensor images, Tensor targets, ImageNormalization normalization, bool deviceResident)
    {
        if (images.dtype != ScalarType.Byte || images.dim() != 4)
            throw new ArgumentException($"images must be uint8 [N, C, H, W], not {images.dtype} [{string.Join(", ", images.shape)}]", nameof(images));
        Normalization = normalization.RequireChannels((int)images.shape[1]);
        Storage = new SplitStorage(deviceResident, images, targets);
    }

    /// <inheritdoc />
    public long Count => Storage.Count;

    /// <summary>The constants batches are normalised with.</summary>
    public ImageNormalization Normalization { get; }

    /// <summary>Shape of one input: [C, H, W].</summary>
    public IReadOnlyList<int> InputShape => [.. Images.shape.Skip(1).Select(d => (int)d)];

    /// <summary>Whether batches are gathered from a copy of the split on the device, made on first use.</summary>
    public bool DeviceResident => Storage.DeviceResident;

    /// <summary>How many times the split was copied to a device (device-resident mode): once per device.</summary>
    internal int DeviceCopies => Storage.DeviceCopies;

    /// <summary>The stored images on the host: uint8 [N, C, H, W], unnormalised. Owned by the split.</summary>
    public Tensor Images => Storage.Host(0);

    /// <inheritdoc />
    public IEnumerable<Batch> Batches(int batchSize, Device device, Generator? shuffle = null)
    {
        var plan = Storage.Plan(batchSize, device, shuffle);
        return Iterate(plan, device);
    }

    IEnumerable<Batch> Iterate(IEnumerable<BatchRows> plan, Device device)
    {
        // (x / 255 − mean) / std as one multiply and one subtract: x · 1/(255·std) − mean/std.
        Tensor scale, shift;
        using (NewDisposeScope())
        {
            var channels = Normalization.Channels;
            var std = tensor(Normalization.Std, dtype: ScalarType.Float32).reshape(1, channels, 1, 1);
            var mean = tensor(Normalization.Mean, dtype: ScalarType.Float32).reshape(1, channels, 1, 1);
            scale = std.mul(255f).reciprocal().to(device).DetachFromDisposeScope();
            shift = mean.div(std).to(device).DetachFromDisposeScope();
        }
        try
        {
            foreach (var rows in plan)
            {
                Batch batch;
                // The scope must close before the yield: the caller's code runs in between.
                using (NewDisposeScope())
                {
                    var input = rows.Take(0).to(ScalarType.Float32).mul_(scale).sub_(shift);
                    var target = rows.Take(1).to(ScalarType.Int64);
                    batch = new Batch(input.DetachFromDisposeScope(), target.DetachFromDisposeScope());
                }
                yield return batch;
            }
        }
        finally
        {
            scale.Dispose();
            shift.Dispose();
        }
    }

    public void Dispose()
    {
        Storage.Dispose();
        GC.SuppressFinalize(this);
    }
}
