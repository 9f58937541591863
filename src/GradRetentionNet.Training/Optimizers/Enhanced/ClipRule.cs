using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Optimizers.Enhanced;

/// <summary>
/// One step's clipping, prepared once from the smoothed variance σ² and applied to each
/// parameter's working direction in place.
/// </summary>
internal abstract class ClipRule
{
    /// <summary>The rule for this step.</summary>
    /// <param name="config">Clip mode and constants.</param>
    /// <param name="state">Holds σ² (<see cref="Slot.Variance"/>).</param>
    /// <param name="moments">Statistics of the raw gradients this step.</param>
    /// <param name="elementCounts">Elements of each gradient tensor, in the order of <paramref name="moments"/>.</param>
    /// <param name="gradScale">The gradient scale applied before clipping.</param>
    public static ClipRule Prepare(EnhancedSgdConfig config, DeviceState state, GradientMoments moments, long[] elementCounts, double gradScale) =>
        config.Clipping switch
        {
            ClipMode.ElementWise => ElementWise.Create(config, state),
            ClipMode.GlobalNorm => new GlobalNorm(config, state, moments, elementCounts, gradScale),
            _ => new NoClip(state.Device),
        };

    /// <summary>Clips <paramref name="direction"/> in place; returns how many elements were clipped, if the rule counts per tensor.</summary>
    public abstract Tensor? Apply(Tensor direction, Tensor scratch);

    /// <summary>
    /// The rule as host numbers for the CPU pass (<see cref="Cpu.DirectionKernel"/>): the
    /// element-wise bound (+∞: none) and the global-norm factor (1: none). CPU only.
    /// </summary>
    public abstract (float Bound, float Factor) HostLimits();

    /// <summary>The clipped fraction of the step (0-dim, float64).</summary>
    /// <param name="clippedCounts">What <see cref="Apply"/> returned for the tensors it clipped.</param>
    /// <param name="hostClipped">Elements the CPU pass clipped.</param>
    /// <param name="elementCount">Elements in the step.</param>
    public abstract Tensor Fraction(IReadOnlyList<Tensor> clippedCounts, long hostClipped, long elementCount);

    sealed class NoClip(Device device) : ClipRule
    {
        public override Tensor? Apply(Tensor direction, Tensor scratch) => null;

        public override (float Bound, float Factor) HostLimits() => (float.PositiveInfinity, 1);

        public override Tensor Fraction(IReadOnlyList<Tensor> clippedCounts, long hostClipped, long elementCount) =>
            torch.zeros(Array.Empty<long>(), dtype: ScalarType.Float64, device: device);
    }

    /// <summary>Each element to ±c, c = clamp(k·σ, c_min, c_max).</summary>
    abstract class ElementWise : ClipRule
    {
        public static ClipRule Create(EnhancedSgdConfig config, DeviceState state)
        {
            var sigma2 = state[Slot.Variance];
            var threshold = (sigma2.sqrt() * config.ClipK).clamp(config.ClipMin, config.ClipMax);
            if (config.ClipOnlyWhenVariancePositive)
                threshold = torch.where(sigma2 > 0, threshold, torch.full(Array.Empty<long>(), double.PositiveInfinity, dtype: ScalarType.Float64, device: state.Device));

            // On the CPU reading a scalar is not a synchronisation, and clamp with scalar bounds
            // takes torch's vectorised kernel (about 8x faster than tensor bounds there). On a
            // GPU the bound stays on the device.
            return state.Device.type == DeviceType.CPU ? new HostBound(threshold.item<double>(), state.Device) : new DeviceBound(threshold, state.Device);
        }

        protected abstract Device Device { get; }

        public override Tensor Fraction(IReadOnlyList<Tensor> clippedCounts, long hostClipped, long elementCount)
        {
            // A fill kernel for the host's count, not a host-to-device copy (which would synchronise a GPU).
            var clipped = torch.full(Array.Empty<long>(), (double)hostClipped, dtype: ScalarType.Float64, device: Device);
            if (clippedCounts.Count > 0) clipped.add_(torch.stack(clippedCounts).sum().to(ScalarType.Float64));
            return clipped.div_(elementCount);
        }
    }

    sealed class HostBound(double bound, Device device) : ElementWise
    {
        protected override Device Device => device;

        public override Tensor? Apply(Tensor direction, Tensor scratch)
        {
            var clipped = scratch.copy_(direction).abs_().gt_(bound).sum();
            direction.clamp_(-bound, bound);
            return clipped;
        }

        public override (float Bound, float Factor) HostLimits() => ((float)bound, 1);
    }

    sealed class DeviceBound(Tensor threshold, Device device) : ElementWise
    {
        protected override Device Device => device;

        public override (float Bound, float Factor) HostLimits() => throw new InvalidOperationException("a bound on the device has no host value");

        readonly Dictionary<ScalarType, (Tensor Lower, Tensor Upper)> bounds = [];

        public override Tensor? Apply(Tensor direction, Tensor scratch)
        {
            if (!bounds.TryGetValue(direction.dtype, out var bound))
            {
                var upper = threshold.to(direction.dtype);
                bounds[direction.dtype] = bound = (-upper, upper);
            }
            var clipped = scratch.copy_(direction).abs_().gt_(bound.Upper).sum();
            direction.clamp_(bound.Lower, bound.Upper);
            return clipped;
        }
    }

    /// <summary>The whole gradient to an L2 norm of at most k·sqrt(σ²·n); the norm comes from the step's statistics.</summary>
    sealed class GlobalNorm : ClipRule
    {
        readonly Tensor factor;

        public GlobalNorm(EnhancedSgdConfig config, DeviceState state, GradientMoments moments, long[] elementCounts, double gradScale)
        {
            var squares = moments.TensorSumsOfSquares;
            if (config.CentreGradients)
            {
                // Σ(g − ḡ)² = Σg² − (Σg)²/n for each tensor; n divides as a kernel argument, so
                // no host data is copied to the device.
                var meanSquares = elementCounts.Select((count, i) => moments.TensorSums[i].square() / count).ToList();
                squares = squares - torch.stack(meanSquares);
            }
            var norm = squares.sum().clamp_min(0).sqrt() * Math.Abs(gradScale);
            var maxNorm = (state[Slot.Variance] * moments.Count).sqrt() * config.ClipK;
            factor = (maxNorm / (norm + 1e-12)).clamp_max(1.0);
        }

        public override Tensor? Apply(Tensor direction, Tensor scratch)
        {
            direction.mul_(factor.to(direction.dtype));
            return null;
        }

        // Read once per step, and only on the CPU, where reading is no synchronisation.
        public override (float Bound, float Factor) HostLimits() => (float.PositiveInfinity, factor.to(ScalarType.Float32).item<float>());

        public override Tensor Fraction(IReadOnlyList<Tensor> clippedCounts, long hostClipped, long elementCount) => (factor < 1.0).to(ScalarType.Float64);
    }
}
