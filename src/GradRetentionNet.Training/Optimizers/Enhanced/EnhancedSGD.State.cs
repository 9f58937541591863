using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Optimizers.Enhanced;

public sealed partial class EnhancedSGD
{
    /// <summary>2: D's counter and two slots (the deviation spike rule), and the slot count. Version 1 had 8 slots.</summary>
    const int GlobalFormatVersion = 2;
    const int Version1SlotCount = 8;
    GlobalState? globalState;

    /// <summary>Per-group options; null fields inherit the optimizer's defaults.</summary>
    public sealed class Options : OptimizerOptions
    {
        public double? momentum;
        public double? weight_decay;
        public bool? nesterov;

        public override void SaveStateDict(BinaryWriter writer)
        {
            base.SaveStateDict(writer);
            writer.Write(momentum!.Value);
            writer.Write(weight_decay!.Value);
            writer.Write(nesterov!.Value);
        }

        public override void LoadStateDict(BinaryReader reader)
        {
            base.LoadStateDict(reader);
            momentum = reader.ReadDouble();
            weight_decay = reader.ReadDouble();
            nesterov = reader.ReadBoolean();
        }

        public override void LoadStateDict(OptimizerOptions source)
        {
            base.LoadStateDict(source);
            var options = (Options)source;
            momentum = options.momentum;
            weight_decay = options.weight_decay;
            nesterov = options.nesterov;
        }
    }

    /// <summary>A group of parameters sharing lr, momentum, weight decay and Nesterov settings.</summary>
    public sealed class ParamGroup : ParamGroup<Options>, optim.IMomentum
    {
        public ParamGroup() { }

        public ParamGroup(IEnumerable<Parameter> parameters, Options? options = null)
            : base(parameters, options ?? new Options()) { }

        public ParamGroup(IEnumerable<Parameter> parameters, double lr, double momentum = 0.9, double weight_decay = 0, bool nesterov = false)
            : base(parameters, new Options { LearningRate = lr, momentum = momentum, weight_decay = weight_decay, nesterov = nesterov }) { }

        public double Momentum { get => Options.momentum!.Value; set => Options.momentum = value; }
    }

    /// <summary>Per-parameter state: the heavy-ball buffer.</summary>
    public sealed class State : OptimizerState, IDisposable
    {
        public Tensor? momentum_buffer;

        public State(Parameter parameter) : base(parameter) { }

        public override void Initialize(OptimizerOptions options) => momentum_buffer = null;

        public override void to(Device device)
        {
            if (momentum_buffer is null) return;
            var moved = momentum_buffer.to(device);
            if (!ReferenceEquals(moved, momentum_buffer)) momentum_buffer.Dispose();
            momentum_buffer = moved.DetachFromDisposeScope();
        }

        public override void SaveStateDict(BinaryWriter writer) => TensorSerializer.WriteOptional(writer, momentum_buffer);

        public override void LoadStateDict(BinaryReader reader)
        {
            momentum_buffer?.Dispose();
            momentum_buffer = TensorSerializer.ReadOptional(reader, _parameter?.device ?? CPU);
        }

        public override void LoadStateDict(OptimizerState source)
        {
            momentum_buffer?.Dispose();
            momentum_buffer = ((State)source).momentum_buffer?.clone().DetachFromDisposeScope();
        }

        public override bool ApproximatelyEquals(OptimizerState other) =>
            other is State state &&
            (momentum_buffer is null ? state.momentum_buffer is null
                : state.momentum_buffer is not null && momentum_buffer.allclose(state.momentum_buffer));

        public void Dispose()
        {
            momentum_buffer?.Dispose();
            momentum_buffer = null;
        }
    }

    /// <summary>
    /// The optimizer-wide state (EMAs, interval snapshots, scales, controller, generators,
    /// counters). It rides in <see cref="state_dict"/> after the per-parameter states, so
    /// TorchSharp's own save_state_dict / load_state_dict carry it.
    /// </summary>
    sealed class GlobalState(EnhancedSGD owner) : OptimizerState(null!)
    {
        public override void Initialize(OptimizerOptions options) { }

        public override void SaveStateDict(BinaryWriter writer) => owner.SaveGlobal(writer);

        public override void LoadStateDict(BinaryReader reader) => owner.LoadGlobal(reader);

        public override void LoadStateDict(OptimizerState source)
        {
            using var buffer = new MemoryStream();
            using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
                ((GlobalState)source).SaveStateDict(writer);
            buffer.Position = 0;
            using var reader = new BinaryReader(buffer);
            LoadStateDict(reader);
        }
    }

    public override StateDictionary state_dict()
    {
        var dictionary = base.state_dict();
        dictionary.State.Add(globalState ??= new GlobalState(this));
        return dictionary;
    }

    public override void add_param_group(TorchSharp.Modules.ParamGroup param_group)
    {
        var defaults = (Options)_defaults;
        param_group.Options ??= new Options();
        var options = (Options)param_group.Options;
        options.LearningRate ??= defaults.LearningRate;
        options.momentum ??= defaults.momentum;
        options.weight_decay ??= defaults.weight_decay;
        options.nesterov ??= defaults.nesterov;
        ValidateGroupOptions(options.LearningRate!.Value, options.momentum!.Value, options.weight_decay!.Value, options.nesterov!.Value);
        options.InitialLearningRate = options.LearningRate.Value;

        _parameter_groups.Add(param_group);
        foreach (var parameter in param_group.Parameters)
        {
            var state = new State(parameter);
            state.Initialize(options);
            _state[parameter.Handle] = state;
        }
    }

    void SaveGlobal(BinaryWriter writer)
    {
        // Reading the device also moves pending telemetry to the host: nothing is lost.
        var scalars = deviceState is not null ? ReadDevice(deviceState) : restoredScalars ?? InitialScalars();
        writer.Write(GlobalFormatVersion);
        writer.Write(steps);
        writer.Write(lossObservations);
        writer.Write(deviationObservations);
        writer.Write(varianceLrFactor);
        writer.Write(momentumScale);
        writer.Write(gradScale);
        writer.Write(scalars.Length);
        foreach (var value in scalars) writer.Write(value);

        var noiseState = NoiseGeneratorState();
        writer.Write(noiseState.Length);
        writer.Write(noiseState);

        writer.Write(controller is not null);
        controller?.Save(writer);
    }

    byte[] NoiseGeneratorState()
    {
        return deviceState?.Noise?.SaveState() ?? restoredNoiseState ?? [];
    }

    /// <summary>
    /// Reads what <see cref="SaveGlobal"/> wrote, in this format or version 1. Version 1 predates
    /// the deviation spike rule: its slots are the first 8 of <see cref="Slot"/>, and D's slots
    /// and counter start at 0, as on a fresh start, so D begins again with the first batch after
    /// the load (the deviation rule stays unarmed until D has one deviation).
    /// </summary>
    void LoadGlobal(BinaryReader reader)
    {
        var version = reader.ReadInt32();
        if (version is not (1 or GlobalFormatVersion))
            throw new InvalidDataException($"EnhancedSGD state has format version {version}; this build reads versions 1 to {GlobalFormatVersion}");
        steps = reader.ReadInt64();
        lossObservations = reader.ReadInt64();
        deviationObservations = version == 1 ? 0 : reader.ReadInt64();
        varianceLrFactor = reader.ReadDouble();
        momentumScale = reader.ReadDouble();
        gradScale = reader.ReadDouble();
        var savedSlots = version == 1 ? Version1SlotCount : reader.ReadInt32();
        if (savedSlots != (version == 1 ? Version1SlotCount : DeviceState.SlotCount))
            throw new InvalidDataException($"EnhancedSGD state (format version {version}) has {savedSlots} scalar slots; this build expects {DeviceState.SlotCount}");
        var scalars = new double[DeviceState.SlotCount];
        for (var i = 0; i < savedSlots; i++) scalars[i] = reader.ReadDouble();
        lrScale = scalars[(int)Slot.LrScale];

        var noiseLength = reader.ReadInt32();
        var noiseState = reader.ReadBytes(noiseLength);

        var hasController = reader.ReadBoolean();
        if (hasController != (controller is not null))
            throw new InvalidDataException(hasController
                ? "the saved EnhancedSGD state has a controller but this optimizer's profile has none"
                : "the saved EnhancedSGD state has no controller but this optimizer's profile has one");
        controller?.Load(reader);

        // The device state is rebuilt from these on the next step, on whatever device the
        // parameters are then.
        deviceState?.Dispose();
        deviceState = null;
        pendingHostColumns.Clear();
        restoredScalars = scalars;
        restoredNoiseState = noiseLength > 0 ? noiseState : null;
    }
}
