using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Data.Splits;

/// <summary>
/// The tensors of one split (all with the examples along dimension 0), and the plan that cuts
/// them into batches: in stored order or in a permutation drawn from a generator, either from
/// the host copy (each batch's rows gathered on the host, then copied to the device) or, in
/// device-resident mode, from a copy on the device made once (rows gathered there, nothing
/// crosses the bus per batch).
/// </summary>
internal sealed class SplitStorage : IDisposable
{
    readonly Tensor[] host;
    readonly bool deviceResident;
    Tensor[]? resident;
    string? residentFor;

    /// <summary>Takes ownership of <paramref name="tensors"/> (removing them from any dispose scope).</summary>
    public SplitStorage(bool deviceResident, params Tensor[] tensors)
    {
        if (tensors.Length == 0) throw new ArgumentException("a split needs at least one tensor", nameof(tensors));
        var count = tensors[0].shape[0];
        if (tensors.Any(t => t.dim() == 0 || t.shape[0] != count))
            throw new ArgumentException($"the tensors of a split must all hold {count} examples along dimension 0: shapes {string.Join(", ", tensors.Select(t => $"[{string.Join(",", t.shape)}]"))}");
        host = [.. tensors.Select(t => t.DetachFromDisposeScope())];
        this.deviceResident = deviceResident;
    }

    /// <summary>Examples.</summary>
    public long Count => host[0].shape[0];

    /// <summary>Whether batches are gathered from a copy on the device.</summary>
    public bool DeviceResident => deviceResident;

    /// <summary>How many times the split was copied to a device (device-resident mode).</summary>
    internal int DeviceCopies { get; private set; }

    /// <summary>The host copy of tensor <paramref name="index"/>.</summary>
    public Tensor Host(int index) => host[index];

    /// <summary>
    /// One <see cref="BatchRows"/> per batch. The permutation (when shuffling) is drawn on the CPU
    /// from <paramref name="shuffle"/> when the enumeration starts.
    /// </summary>
    public IEnumerable<BatchRows> Plan(int batchSize, Device device, Generator? shuffle)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentNullException.ThrowIfNull(device);
        return PlanIterator(batchSize, device, shuffle);
    }

    IEnumerable<BatchRows> PlanIterator(int batchSize, Device device, Generator? shuffle)
    {
        var source = deviceResident ? ResidentOn(device) : host;
        Tensor? order = null;
        try
        {
            if (shuffle is not null)
            {
                order = randperm(Count, generator: shuffle).DetachFromDisposeScope();
                if (deviceResident && (order.device_type != source[0].device_type || order.device_index != source[0].device_index))
                {
                    var moved = order.to(source[0].device).DetachFromDisposeScope();
                    order.Dispose();
                    order = moved;
                }
            }
            for (long start = 0; start < Count; start += batchSize)
                yield return new BatchRows(source, order, start, Math.Min(batchSize, Count - start), deviceResident ? null : device);
        }
        finally
        {
            order?.Dispose();
        }
    }

    Tensor[] ResidentOn(Device device)
    {
        // Keyed by the device as asked ("cuda" and "cuda:0" may be one device, but a trainer asks
        // the same way every epoch): a new device moves the split again, once.
        var key = device.ToString();
        if (resident is not null && residentFor == key) return resident;
        DisposeResident();
        resident = [.. host.Select(t => t.to(device).DetachFromDisposeScope())];
        residentFor = key;
        DeviceCopies++;
        return resident;
    }

    void DisposeResident()
    {
        if (resident is null) return;
        foreach (var t in resident) t.Dispose();
        resident = null;
    }

    public void Dispose()
    {
        DisposeResident();
        foreach (var t in host) t.Dispose();
    }
}

/// <summary>The rows of one batch, gathered on demand in the caller's dispose scope.</summary>
internal readonly struct BatchRows(Tensor[] source, Tensor? order, long start, long length, Device? copyTo)
{
    /// <summary>Examples in the batch.</summary>
    public long Length => length;

    /// <summary>
    /// The batch's rows of stored tensor <paramref name="index"/> on the target device, as a new
    /// tensor that never shares memory with the split (a trainer may modify it in place).
    /// </summary>
    public Tensor Take(int index)
    {
        if (order is not null)
        {
            var gathered = source[index].index_select(0, order.narrow(0, start, length));
            return copyTo is null ? gathered : gathered.to(copyTo);
        }
        var rows = source[index].narrow(0, start, length);
        // Across devices the copy is the transfer itself; on the same device the view is cloned.
        return copyTo is not null && copyTo.type != rows.device.type ? rows.to(copyTo) : rows.clone();
    }
}
