using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Optimizers.Enhanced;

/// <summary>
/// Named slots of the scalar state EnhancedSGD keeps on the device. Checkpoints store them in this
/// order: new slots go at the end, so an older checkpoint's slots are a prefix of these (see
/// EnhancedSGD.LoadGlobal).
/// </summary>
internal enum Slot
{
    VarianceEma,            // raw EMA of the gradient variance (no bias correction)
    LossEma,                // raw EMA of the batch loss
    LrScale,                // the controller's lr scale; the spike guard halves it on the device
    SpikeSeen,              // 1 once the spike guard fired in the current interval
    IntervalStartVariance,  // σ² when the current interval began
    IntervalStartLoss,      // L when the current interval began
    Variance,               // σ², bias-corrected (or legacy-stabilised)
    Loss,                   // L, bias-corrected
    DeviationEma,           // raw EMA of |loss − L| (the deviation spike rule's D, before bias correction)
    Deviation,              // D, bias-corrected
}

/// <summary>Columns of one step's device-side telemetry row.</summary>
internal enum Column
{
    LrScale,
    GradientMean,
    GradientVariance,
    SmoothedVariance,
    ClipFraction,
    Loss,
    Spike,                  // 1 if the loss-spike guard fired at this step, else 0
}

/// <summary>
/// EnhancedSGD's state that lives on the parameters' device: the scalar slots, a ring of
/// per-step telemetry rows for the current interval, and the noise generator. Everything the
/// host needs at a decision is read with one transfer (<see cref="ReadAll"/>).
/// </summary>
internal sealed class DeviceState : IDisposable
{
    public static readonly int SlotCount = Enum.GetValues<Slot>().Length;
    public static readonly int ColumnCount = Enum.GetValues<Column>().Length;

    readonly Tensor scalars;
    readonly Tensor[] slotViews;
    readonly Tensor telemetry;
    readonly Tensor[] rowViews;

    public DeviceState(Device device, double[] initialScalars, int telemetryRows, CounterNoise? noise)
    {
        Device = device;
        // Created during a step, inside its dispose scope: these must outlive it.
        scalars = torch.tensor(initialScalars, dtype: ScalarType.Float64, device: device).DetachFromDisposeScope();
        slotViews = Enumerable.Range(0, SlotCount).Select(i => scalars[i].DetachFromDisposeScope()).ToArray();
        telemetry = torch.zeros(telemetryRows, ColumnCount, dtype: ScalarType.Float64, device: device).DetachFromDisposeScope();
        rowViews = Enumerable.Range(0, telemetryRows).Select(i => telemetry[i].DetachFromDisposeScope()).ToArray();
        Zero = torch.zeros(Array.Empty<long>(), dtype: ScalarType.Float64, device: device).DetachFromDisposeScope();
        Noise = noise;
    }

    readonly Dictionary<ScalarType, (Tensor Direction, Tensor Scratch)> buffers = [];
    readonly Dictionary<(ScalarType DType, string Shape), (Tensor Direction, Tensor Scratch)> views = [];

    public Device Device { get; }

    /// <summary>Source of the injected noise, on <see cref="Device"/>; null when noise is off.</summary>
    public CounterNoise? Noise { get; }

    /// <summary>Telemetry rows written since the last read.</summary>
    public int PendingRows { get; private set; }

    public Tensor this[Slot slot] => slotViews[(int)slot];

    /// <summary>A 0-dim float64 zero on <see cref="Device"/>, for telemetry columns that do not apply (never written to).</summary>
    public Tensor Zero { get; }

    /// <summary>Appends one step's telemetry row (0-dim float64 tensors in <see cref="Column"/> order).</summary>
    public void WriteRow(Tensor[] columns)
    {
        using var row = torch.stack(columns);
        rowViews[PendingRows].copy_(row);
        PendingRows++;
    }

    /// <summary>Copies the scalar slots and the pending telemetry rows to the host in one transfer, and empties the ring.</summary>
    public (double[] Scalars, double[][] Rows) ReadAll()
    {
        using var scope = torch.NewDisposeScope();
        var rows = PendingRows;
        PendingRows = 0;
        var packed = rows == 0 ? scalars.cpu() : torch.cat([scalars, telemetry.narrow(0, 0, rows).reshape(-1)]).cpu();
        var values = packed.data<double>().ToArray();
        var scalarValues = values[..SlotCount];
        var rowValues = Enumerable.Range(0, rows)
            .Select(r => values[(SlotCount + r * ColumnCount)..(SlotCount + (r + 1) * ColumnCount)])
            .ToArray();
        return (scalarValues, rowValues);
    }

    /// <summary>
    /// Two working tensors shaped like one parameter, views into flat buffers kept across
    /// steps: the per-parameter pipeline runs in place in them, because fresh full-size
    /// temporaries (page faults on every step) cost more than the arithmetic. The views are kept
    /// too, one pair per element type and shape (parameters take them one after another), so a
    /// step makes no tensors for them.
    /// </summary>
    /// <param name="dtype">The parameter's element type.</param>
    /// <param name="shape">The parameter's shape.</param>
    /// <param name="capacity">The largest parameter of the step, so the buffers are sized once.</param>
    public (Tensor Direction, Tensor Scratch) Buffers(ScalarType dtype, long[] shape, long capacity)
    {
        if (!buffers.TryGetValue(dtype, out var flat) || flat.Direction.numel() < capacity)
        {
            if (flat.Direction is not null)
            {
                DisposeViews(dtype);
                flat.Direction.Dispose();
                flat.Scratch.Dispose();
            }
            flat = (torch.empty(capacity, dtype: dtype, device: Device).DetachFromDisposeScope(),
                    torch.empty(capacity, dtype: dtype, device: Device).DetachFromDisposeScope());
            buffers[dtype] = flat;
        }

        var key = (dtype, string.Join(',', shape));
        if (!views.TryGetValue(key, out var view))
        {
            var elements = shape.Aggregate(1L, (product, size) => product * size);
            views[key] = view = (flat.Direction.narrow(0, 0, elements).view(shape).DetachFromDisposeScope(),
                                 flat.Scratch.narrow(0, 0, elements).view(shape).DetachFromDisposeScope());
        }
        return view;
    }

    void DisposeViews(ScalarType dtype)
    {
        foreach (var key in views.Keys.Where(k => k.DType == dtype).ToList())
        {
            views[key].Direction.Dispose();
            views[key].Scratch.Dispose();
            views.Remove(key);
        }
    }

    /// <summary>Overwrites the scalar slots (after loading a checkpoint).</summary>
    public void WriteScalars(double[] values)
    {
        using var source = torch.tensor(values, dtype: ScalarType.Float64);
        scalars.copy_(source);
    }

    public void Dispose()
    {
        foreach (var view in slotViews) view.Dispose();
        foreach (var view in rowViews) view.Dispose();
        scalars.Dispose();
        telemetry.Dispose();
        Zero.Dispose();
        foreach (var dtype in buffers.Keys) DisposeViews(dtype);
        foreach (var (direction, scratch) in buffers.Values)
        {
            direction.Dispose();
            scratch.Dispose();
        }
    }
}
