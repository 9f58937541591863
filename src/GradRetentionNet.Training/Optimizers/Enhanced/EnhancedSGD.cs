using GradRetentionNet.Training.Optimizers.Control;
using GradRetentionNet.Training.Optimizers.Enhanced.Cpu;
using GradRetentionNet.Training.Optimizers.Telemetry;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Optimizers.Enhanced;

/// <summary>
/// SGD with heavy-ball momentum whose learning rate, momentum and gradient scale are steered by
/// a Q-learning controller watching the loss and the gradient variance, with variance-based
/// adaptive clipping, annealed Gaussian noise and optional Bayesian weight perturbation.
/// Everything per step stays on the device; the host reads the device once per decision
/// interval. README.md ("EnhancedSGD") summarises the design and the legacy profile.
/// </summary>
public sealed partial class EnhancedSGD : OptimizerHelper, optim.IMomentum, IControllableOptimizer, ILossObserver, IOptimizerTelemetrySource
{
    readonly EnhancedSgdConfig config;
    readonly QLearningController? controller;
    readonly List<StepTelemetry> stepRecords = [];
    readonly List<DecisionTelemetry> decisionRecords = [];
    readonly List<(long Step, double LearningRate, double Momentum, double GradScale, double VarianceLrFactor)> pendingHostColumns = [];
    long droppedSteps;

    DeviceState? deviceState;
    Tensor? pendingLoss;

    // Host-side state, saved in checkpoints (see GlobalState).
    long steps;
    long lossObservations;
    long deviationObservations;
    double varianceLrFactor = 1;
    double lrScale = 1;
    double momentumScale = 1;
    double gradScale = 1;
    double[]? restoredScalars;
    byte[]? restoredNoiseState;

    /// <summary>Builds the optimizer over parameter groups; group options left null take the defaults given here.</summary>
    /// <param name="parameters">The parameter groups.</param>
    /// <param name="lr">Base learning rate (&gt; 0).</param>
    /// <param name="momentum">Base momentum, in [0, 1).</param>
    /// <param name="weight_decay">Coupled L2 weight decay (≥ 0).</param>
    /// <param name="nesterov">Nesterov momentum (needs momentum &gt; 0).</param>
    /// <param name="config">The global design settings; null means the <c>enhanced</c> profile with seed 0.</param>
    public EnhancedSGD(IEnumerable<ParamGroup> parameters, double lr = 0.01, double momentum = 0.9,
        double weight_decay = 0, bool nesterov = false, EnhancedSgdConfig? config = null)
    {
        ValidateGroupOptions(lr, momentum, weight_decay, nesterov);
        this.config = config ?? new EnhancedSgdConfig();
        this.config.Validate();

        _defaults = new Options
        {
            LearningRate = lr,
            InitialLearningRate = lr,
            momentum = momentum,
            weight_decay = weight_decay,
            nesterov = nesterov,
        };
        _parameter_groups = new List<TorchSharp.Modules.ParamGroup>();
        foreach (var group in parameters) add_param_group(group);

        if (this.config.Controller is { } controllerOptions)
            controller = new QLearningController(controllerOptions, SeedStreams.Derive(this.config.Seed, SeedStreams.Controller));

        if (this.config.BayesianInitSigma > 0)
        {
            PerturbWeights(this.config.BayesianInitSigma, SeedStreams.Derive(this.config.Seed, SeedStreams.BayesianInit));
            controller?.DrawInitialScales(this);
        }
    }

    /// <summary>The global settings this optimizer runs with.</summary>
    public EnhancedSgdConfig Config => config;

    /// <summary>Optimizer steps taken.</summary>
    public long Steps => steps;

    /// <summary>The controller, null when the profile has none.</summary>
    public QLearningController? Controller => controller;

    /// <summary>The variance-based lr factor f_var currently in force.</summary>
    public double VarianceLrFactor => varianceLrFactor;

    /// <inheritdoc/>
    public double LrScale
    {
        get => lrScale;
        set
        {
            lrScale = value;
            deviceState?[Slot.LrScale].fill_(value);
        }
    }

    /// <inheritdoc/>
    public double MomentumScale { get => momentumScale; set => momentumScale = value; }

    /// <inheritdoc/>
    public double GradScale { get => gradScale; set => gradScale = value; }

    /// <inheritdoc/>
    public double BaseMomentum => ((Options)_defaults).momentum!.Value;

    /// <summary>Momentum of the default options; setting it sets every group's.</summary>
    public double Momentum
    {
        get => ((Options)_defaults).momentum!.Value;
        set
        {
            ((Options)_defaults).momentum = value;
            foreach (var group in _parameter_groups) ((Options)group.Options).momentum = value;
        }
    }

    /// <inheritdoc/>
    public void ObserveLoss(Tensor batchLoss)
    {
        pendingLoss?.Dispose();
        pendingLoss = batchLoss.detach().reshape(Array.Empty<long>()).DetachFromDisposeScope();
    }

    /// <summary>Hands over the batch loss and takes a step.</summary>
    public Tensor step(Tensor batchLoss)
    {
        ObserveLoss(batchLoss);
        return step();
    }

    /// <summary>Performs one update. A closure, if given, is evaluated and its loss observed.</summary>
    public override Tensor step(Func<Tensor>? closure = null)
    {
        Tensor? closureLoss = null;
        if (closure is not null)
        {
            using (torch.enable_grad()) closureLoss = closure();
            ObserveLoss(closureLoss);
        }

        using (torch.no_grad())
        using (torch.NewDisposeScope())
        {
            var work = CollectGradients();
            if (work.Count > 0) Update(work);
        }
        pendingLoss?.Dispose();
        pendingLoss = null;
        return closureLoss!;
    }

    List<(Parameter Parameter, Tensor Gradient, Options Options)> CollectGradients()
    {
        var work = new List<(Parameter, Tensor, Options)>();
        foreach (var group in _parameter_groups)
        {
            var options = (Options)group.Options;
            foreach (var parameter in group.Parameters)
            {
                var gradient = parameter.grad;
                if (gradient is not null) work.Add((parameter, gradient, options));
            }
        }
        return work;
    }

    void Update(List<(Parameter Parameter, Tensor Gradient, Options Options)> work)
    {
        var state = EnsureDeviceState(work[0].Gradient.device);
        if (steps > 0 && steps % config.DecisionInterval == 0) Decide(state);
        steps++;

        var moments = GradientStatistics.Compute(work.Select(w => w.Gradient).ToList());
        TrackVariance(state, moments.Variance);
        var (loss, spike) = TrackLoss(state);
        if (steps == 1)
        {
            state[Slot.IntervalStartVariance].copy_(state[Slot.Variance]);
            state[Slot.IntervalStartLoss].copy_(state[Slot.Loss]);
        }

        var clipFraction = UpdateParameters(state, work, moments);

        state.WriteRow([state[Slot.LrScale], moments.Mean, moments.Variance, state[Slot.Variance], clipFraction, loss, spike]);
        var first = (Options)_parameter_groups[0].Options;
        pendingHostColumns.Add((steps, first.LearningRate!.Value * varianceLrFactor, EffectiveMomentum(first), gradScale, varianceLrFactor));
    }

    void TrackVariance(DeviceState state, Tensor variance)
    {
        var ema = state[Slot.VarianceEma];
        ema.mul_(config.VarianceBeta).add_(variance, alpha: 1 - config.VarianceBeta);
        if (config.LegacyVarianceStabilisation)
        {
            // The original compared the EMA with 0.9 (its "previous variance" was always 0) and
            // shrank it tenfold: the shrunk value is what persists.
            ema.copy_(torch.where(ema > 0.9, ema * 0.1, ema));
        }
        if (config.VarianceBiasCorrection)
            state[Slot.Variance].copy_(ema / (1 - Math.Pow(config.VarianceBeta, steps)));
        else
            state[Slot.Variance].copy_(ema);
    }

    /// <summary>
    /// Runs the loss-spike guard on the observed batch loss, then folds the loss into D (deviation
    /// rule only) and into the loss EMA L. Returns the loss (NaN if none was observed) and whether
    /// the guard fired (1 or 0), both 0-dim float64 on the device.
    /// </summary>
    (Tensor Loss, Tensor Spike) TrackLoss(DeviceState state)
    {
        // A fill kernel, not a host-to-device copy (which would synchronise a GPU).
        if (pendingLoss is null) return (torch.full(Array.Empty<long>(), double.NaN, dtype: ScalarType.Float64, device: state.Device), state.Zero);

        var loss = pendingLoss.to(ScalarType.Float64, state.Device);
        lossObservations++;
        var rule = config.Controller?.SpikeRule ?? SpikeRule.Off;
        var beta = config.LossBeta;

        // Order matters. The guard compares the loss with L and D as they were BEFORE this batch;
        // only then is the batch folded into D (with |loss − L_before|) and into L. So a spike
        // cannot raise the threshold it is measured against.
        var spike = state.Zero;
        if (SpikeGuardArmed(rule))
        {
            var controllerOptions = config.Controller!;
            var spiking = rule == SpikeRule.Deviation
                ? loss > state[Slot.Loss] + state[Slot.Deviation] * controllerOptions.SpikeK
                : loss > state[Slot.Loss] * controllerOptions.SpikeThreshold;
            spike = spiking.to(ScalarType.Float64);
            // Halve the lr scale at once, on the device; the next decision then skips exploration
            // (it reads SpikeSeen), so the controller cannot undo the halving straight away.
            state[Slot.LrScale].mul_(spike.mul(-0.5).add_(1)).clamp_(controllerOptions.MinLrScale, controllerOptions.MaxLrScale);
            state[Slot.SpikeSeen].copy_(torch.maximum(state[Slot.SpikeSeen], spike));
        }
        if (rule == SpikeRule.Deviation && lossObservations > 1)
        {
            // D = EMA (β_L) of |loss − L_before|, bias-corrected over the deviations folded so far
            // (the first batch has no L_before, so D starts with the second).
            var deviationEma = state[Slot.DeviationEma];
            deviationEma.mul_(beta).add_((loss - state[Slot.Loss]).abs_(), alpha: 1 - beta);
            deviationObservations++;
            state[Slot.Deviation].copy_(deviationEma / (1 - Math.Pow(beta, deviationObservations)));
        }
        var ema = state[Slot.LossEma];
        ema.mul_(beta).add_(loss, alpha: 1 - beta);
        state[Slot.Loss].copy_(ema / (1 - Math.Pow(beta, lossObservations)));
        return (loss, spike);
    }

    /// <summary>
    /// Whether the spike guard may fire at this step (a host decision, no device read): never in
    /// steps 1..K (K the decision interval), whatever the rule; it needs an L from an earlier
    /// batch, and the deviation rule a D from at least one earlier deviation (after loading a
    /// checkpoint that had no D, the first batch only starts D again).
    /// </summary>
    bool SpikeGuardArmed(SpikeRule rule) =>
        rule != SpikeRule.Off
        && steps > config.DecisionInterval
        && lossObservations > 1
        && (rule == SpikeRule.Ratio || deviationObservations > 0);

    /// <summary>
    /// The per-parameter pipeline, in place in the device state's working buffers (the
    /// gradients themselves are never modified): centring (legacy), gradient scale, clipping,
    /// noise, weight decay, momentum, update. On the CPU the steps before weight decay run as one
    /// pass per float32 tensor (<see cref="HostDirectionPass"/>); elsewhere as libtorch operations.
    /// Returns the clipped fraction (0-dim, float64).
    /// </summary>
    Tensor UpdateParameters(DeviceState state, List<(Parameter Parameter, Tensor Gradient, Options Options)> work, GradientMoments moments)
    {
        var elementCounts = work.Select(w => w.Gradient.numel()).ToArray();
        var clip = ClipRule.Prepare(config, state, moments, elementCounts, gradScale);
        var noiseStd = state.Noise is null ? 0 : Math.Sqrt(config.NoiseEta / Math.Pow(steps, config.NoiseDecay));
        var hostPass = HostDirectionPass.Prepare(state, config, clip, moments, elementCounts, gradScale, noiseStd);
        // With the controller on, the lr scale lives on the device (the spike guard changes it
        // there). The CPU reads it once per step (no synchronisation there) and updates with a
        // scalar step size, as SGD; a GPU keeps it as a 0-dim tensor.
        double? hostLrScale = hostPass is not null && controller is not null ? state[Slot.LrScale].item<double>() : null;
        var capacity = elementCounts.Max();
        var clippedCounts = new List<Tensor>(work.Count);
        long hostClipped = 0;
        var deviceLr = new Dictionary<Options, Tensor>();

        for (var i = 0; i < work.Count; i++)
        {
            var (parameter, gradient, options) = work[i];
            var (direction, scratch) = state.Buffers(gradient.dtype, gradient.shape, capacity);
            if (hostPass is not null && HostDirectionPass.Handles(gradient))
                hostClipped += hostPass.Run(i, gradient, direction);
            else if (DeviceDirection(state, gradient, direction, scratch, clip, moments.TensorSums, i, noiseStd) is { } clipped)
                clippedCounts.Add(clipped);
            if (options.weight_decay!.Value != 0) direction.add_(parameter, alpha: options.weight_decay.Value);

            var momentum = EffectiveMomentum(options);
            var update = direction;
            if (momentum != 0)
            {
                var parameterState = (State)_state[parameter.Handle];
                if (parameterState.momentum_buffer is null)
                    parameterState.momentum_buffer = direction.clone().DetachFromDisposeScope();
                else
                    parameterState.momentum_buffer.mul_(momentum).add_(direction);
                var buffer = parameterState.momentum_buffer;
                update = options.nesterov!.Value ? direction.add_(buffer, alpha: momentum) : buffer;
            }

            var lr = options.LearningRate!.Value * varianceLrFactor;
            if (controller is null)
            {
                parameter.add_(update, alpha: -lr);
            }
            else if (hostLrScale is { } scale)
            {
                parameter.add_(update, alpha: -lr * scale);
            }
            else
            {
                if (!deviceLr.TryGetValue(options, out var negativeLr))
                    deviceLr[options] = negativeLr = (state[Slot.LrScale] * -lr).to(parameter.dtype);
                parameter.addcmul_(update, negativeLr, 1);
            }
        }
        return clip.Fraction(clippedCounts, hostClipped, moments.Count);
    }

    /// <summary>The steps before weight decay as libtorch operations; returns the clipped count, if the clip rule counts per tensor.</summary>
    Tensor? DeviceDirection(DeviceState state, Tensor gradient, Tensor direction, Tensor scratch, ClipRule clip, Tensor tensorSums, int index, double noiseStd)
    {
        direction.copy_(gradient);
        if (config.CentreGradients) direction.sub_(tensorSums[index] / gradient.numel());
        if (gradScale != 1) direction.mul_(gradScale);
        var clipped = clip.Apply(direction, scratch);
        if (noiseStd > 0)
        {
            state.Noise!.Fill(scratch, noiseStd);
            direction.add_(scratch);
        }
        return clipped;
    }

    double EffectiveMomentum(Options options)
    {
        var momentum = options.momentum!.Value;
        if (momentum == 0 || config.Controller is null) return momentum;
        return Math.Clamp(momentum * momentumScale, config.Controller.MinMomentum, config.Controller.MaxMomentum);
    }

    /// <summary>
    /// End of an interval: one read of the device, the variance lr factor, the controller's
    /// decision, and a fresh interval. Runs at the start of steps K+1, 2K+1, …
    /// </summary>
    void Decide(DeviceState state)
    {
        var scalars = ReadDevice(state);
        var sigma2 = scalars[(int)Slot.Variance];
        var loss = scalars[(int)Slot.Loss];
        var startSigma2 = scalars[(int)Slot.IntervalStartVariance];
        var startLoss = scalars[(int)Slot.IntervalStartLoss];
        var deviation = scalars[(int)Slot.Deviation];
        var spikeSeen = scalars[(int)Slot.SpikeSeen] > 0;
        lrScale = scalars[(int)Slot.LrScale];

        var rho = startSigma2 > 0 ? (sigma2 - startSigma2) / startSigma2 : 0;
        var finite = double.IsFinite(rho) && double.IsFinite(loss) && double.IsFinite(startLoss);
        if (config.VarianceLrFactor && finite)
            varianceLrFactor = Math.Clamp(1 - rho, 1 - config.VarianceLrMargin, 1 + config.VarianceLrMargin);

        ControllerDecision? decision = null;
        if (controller is not null && finite)
        {
            if (lossObservations == 0)
                throw new InvalidOperationException("EnhancedSGD's controller needs the batch loss: call ObserveLoss(loss) or step(loss) before each step");
            var observation = new IntervalObservation(steps, loss, startLoss, rho, config.PlannedSteps, spikeSeen);
            decision = controller.Decide(observation, this);
        }

        var lossTrend = startLoss > 0 ? (loss - startLoss) / startLoss : 0;
        decisionRecords.Add(new DecisionTelemetry(steps, lossTrend, rho, varianceLrFactor, spikeSeen, decision, lrScale, momentumScale, gradScale,
            loss, deviation));

        state[Slot.IntervalStartVariance].copy_(state[Slot.Variance]);
        state[Slot.IntervalStartLoss].copy_(state[Slot.Loss]);
        state[Slot.SpikeSeen].zero_();
    }

    /// <summary>The one host-device transfer: scalars plus the interval's telemetry rows.</summary>
    double[] ReadDevice(DeviceState state)
    {
        var (scalars, rows) = state.ReadAll();
        for (var r = 0; r < rows.Length; r++)
        {
            var host = pendingHostColumns[r];
            var row = rows[r];
            stepRecords.Add(new StepTelemetry(
                host.Step,
                host.LearningRate * row[(int)Column.LrScale],
                host.Momentum,
                host.GradScale,
                row[(int)Column.GradientMean],
                row[(int)Column.GradientVariance],
                row[(int)Column.SmoothedVariance],
                row[(int)Column.ClipFraction],
                row[(int)Column.Loss],
                host.VarianceLrFactor,
                row[(int)Column.LrScale],
                row[(int)Column.Spike] > 0));
        }
        pendingHostColumns.Clear();
        if (stepRecords.Count > config.TelemetryCapacity)
        {
            var excess = stepRecords.Count - config.TelemetryCapacity;
            stepRecords.RemoveRange(0, excess);
            droppedSteps += excess;
        }
        return scalars;
    }

    /// <inheritdoc/>
    public TelemetryBatch DrainTelemetry()
    {
        if (deviceState is { PendingRows: > 0 }) ReadDevice(deviceState);
        var batch = new TelemetryBatch(stepRecords.ToArray(), decisionRecords.ToArray(), droppedSteps);
        stepRecords.Clear();
        decisionRecords.Clear();
        droppedSteps = 0;
        return batch;
    }

    DeviceState EnsureDeviceState(Device device)
    {
        if (deviceState is not null && deviceState.Device.type == device.type && deviceState.Device.index == device.index)
            return deviceState;

        // First step, or the parameters moved: rebuild on the new device from the host's view.
        double[] scalars;
        if (restoredScalars is not null) scalars = restoredScalars;
        else if (deviceState is not null) scalars = ReadDevice(deviceState);
        else scalars = InitialScalars();
        restoredScalars = null;

        CounterNoise? noise = null;
        if (config.NoiseEta > 0)
        {
            noise = new CounterNoise(config.Seed);
            if (restoredNoiseState is not null) noise.LoadState(restoredNoiseState);
        }
        restoredNoiseState = null;

        deviceState?.Dispose();
        deviceState = new DeviceState(device, scalars, config.DecisionInterval, noise);
        return deviceState;
    }

    double[] InitialScalars()
    {
        var scalars = new double[DeviceState.SlotCount];
        scalars[(int)Slot.LrScale] = lrScale;
        return scalars;
    }

    /// <summary>θ ← θ + N(0, (σ·std θ)²) for every parameter tensor with more than one element.</summary>
    void PerturbWeights(double sigma, long seed)
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        // Drawn on the CPU and moved: TorchSharp's generators are CPU ones whatever device they are
        // given, and this runs once per job. The same numbers on every device.
        using var generator = new Generator(unchecked((ulong)seed));
        foreach (var parameter in _parameter_groups.SelectMany(g => g.Parameters))
        {
            if (parameter.numel() <= 1) continue;
            var noise = torch.randn(parameter.shape, dtype: parameter.dtype, generator: generator).to(parameter.device);
            parameter.add_(noise * (parameter.std() * sigma));
        }
    }

    static void ValidateGroupOptions(double lr, double momentum, double weightDecay, bool nesterov)
    {
        OptionGuard.Require(lr > 0 && double.IsFinite(lr), "lr", lr, "> 0");
        OptionGuard.Require(momentum >= 0 && momentum < 1, "momentum", momentum, "in [0, 1)");
        OptionGuard.Require(weightDecay >= 0 && double.IsFinite(weightDecay), "weight_decay", weightDecay, ">= 0");
        if (nesterov && momentum <= 0)
            throw new ArgumentException("invalid nesterov = true: Nesterov momentum needs momentum > 0");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        foreach (var parameter in _parameter_groups.SelectMany(g => g.Parameters))
            (_state[parameter.Handle] as State)?.Dispose();
        _state.Clear();
        deviceState?.Dispose();
        deviceState = null;
        controller?.Dispose();
        pendingLoss?.Dispose();
    }
}
