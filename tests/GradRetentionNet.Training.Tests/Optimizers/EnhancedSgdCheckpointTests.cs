using GradRetentionNet.Training.Optimizers.Catalog;
using GradRetentionNet.Training.Optimizers.Control;
using GradRetentionNet.Training.Optimizers.Enhanced;
using TorchSharp;

namespace GradRetentionNet.Training.Tests.Optimizers;

public sealed class EnhancedSgdCheckpointTests
{
    // Every stateful part on: controller, Bayesian init (and drawn scales), noise, clipping,
    // momentum, a decision interval the save point does not align with.
    static readonly Dictionary<string, string> AllOn = new()
    {
        ["interval"] = "5", ["bayesian_init_sigma"] = "0.05", ["noise_eta"] = "1e-4", ["weight_decay"] = "1e-3",
    };

    static EnhancedSGD Create(TorchSharp.Modules.Sequential model, string name = "enhanced-sgd") =>
        (EnhancedSGD)OptimizerCatalog.Create(name, model.parameters(), name == "enhanced-sgd" ? AllOn : null, new OptimizerContext(Seed: 21, PlannedSteps: 60));

    [Theory]
    [InlineData("enhanced-sgd", 23)]
    [InlineData("enhanced-sgd", 25)]
    [InlineData("enhanced-sgd-legacy", 13)]
    public void N_steps_save_load_M_steps_equals_N_plus_M_steps_bit_for_bit(string optimizerName, int saveAt)
    {
        const int total = 60;
        using var uninterruptedModel = LinearTask.Model(seed: 4);
        using var uninterrupted = Create(uninterruptedModel, optimizerName);
        for (var step = 0; step < total; step++) LinearTask.Step(uninterruptedModel, uninterrupted, step);

        using var modelState = new MemoryStream();
        using var optimizerState = new MemoryStream();
        using (var firstModel = LinearTask.Model(seed: 4))
        using (var first = Create(firstModel, optimizerName))
        {
            for (var step = 0; step < saveAt; step++) LinearTask.Step(firstModel, first, step);
            using var modelWriter = new BinaryWriter(modelState, System.Text.Encoding.UTF8, leaveOpen: true);
            firstModel.save(modelWriter);
            using var optimizerWriter = new BinaryWriter(optimizerState, System.Text.Encoding.UTF8, leaveOpen: true);
            first.save_state_dict(optimizerWriter);
        }

        // A fresh process would build both from scratch (a different init seed proves the load
        // overwrites everything), then load.
        using var resumedModel = LinearTask.Model(seed: 999);
        using var resumed = Create(resumedModel, optimizerName);
        modelState.Position = 0;
        optimizerState.Position = 0;
        using (var modelReader = new BinaryReader(modelState)) resumedModel.load(modelReader);
        using (var optimizerReader = new BinaryReader(optimizerState)) resumed.load_state_dict(optimizerReader);
        for (var step = saveAt; step < total; step++) LinearTask.Step(resumedModel, resumed, step);

        LinearTask.BitwiseEqual(LinearTask.Snapshot(resumedModel), LinearTask.Snapshot(uninterruptedModel)).Should().BeTrue();
        resumed.Steps.Should().Be(total);
        resumed.LrScale.Should().Be(uninterrupted.LrScale);
        resumed.MomentumScale.Should().Be(uninterrupted.MomentumScale);
        resumed.GradScale.Should().Be(uninterrupted.GradScale);
        if (uninterrupted.Controller is { } controller)
        {
            resumed.Controller!.Epsilon.Should().Be(controller.Epsilon);
            for (var s = 0; s < ControllerStateSpace.Count; s++)
                for (var a = 0; a < 3; a++)
                    resumed.Controller.Q(ControlledFactor.Grad, s, a).Should().Be(controller.Q(ControlledFactor.Grad, s, a));
        }
        var resumedTail = resumed.DrainTelemetry().Steps.TakeLast(10);
        var uninterruptedTail = uninterrupted.DrainTelemetry().Steps.TakeLast(10);
        resumedTail.Should().Equal(uninterruptedTail);
    }

    /// <summary>
    /// The optimizer's state as this build writes it (global format 2) and as the build before the
    /// deviation spike rule wrote it (format 1: no D counter, no slot count, 8 slots). The global
    /// state is the last thing in the state dict, so the two differ only in that tail.
    /// </summary>
    static (byte[] Current, byte[] Version1) SavedStates(EnhancedSGD optimizer)
    {
        using var full = new MemoryStream();
        using (var writer = new BinaryWriter(full, System.Text.Encoding.UTF8, leaveOpen: true)) optimizer.save_state_dict(writer);
        using var global = new MemoryStream();
        using (var writer = new BinaryWriter(global, System.Text.Encoding.UTF8, leaveOpen: true)) optimizer.state_dict().State.Last().SaveStateDict(writer);
        var current = full.ToArray();
        var prefix = current[..^(int)global.Length];

        global.Position = 0;
        using var reader = new BinaryReader(global);
        reader.ReadInt32().Should().Be(2);
        var steps = reader.ReadInt64();
        var lossObservations = reader.ReadInt64();
        var deviationObservations = reader.ReadInt64();
        var (varianceLrFactor, momentumScale, gradScale) = (reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble());
        var slots = Enumerable.Range(0, reader.ReadInt32()).Select(_ => reader.ReadDouble()).ToArray();
        var rest = reader.ReadBytes((int)(global.Length - global.Position));
        deviationObservations.Should().Be(lossObservations - 1, "D has a deviation from every batch after the first");
        slots.Should().HaveCount(10);
        slots[^2..].Should().OnlyContain(d => d > 0, "D's raw EMA and D were saved");

        using var version1 = new MemoryStream();
        using (var writer = new BinaryWriter(version1, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(prefix);
            writer.Write(1);
            writer.Write(steps);
            writer.Write(lossObservations);
            writer.Write(varianceLrFactor);
            writer.Write(momentumScale);
            writer.Write(gradScale);
            foreach (var slot in slots[..8]) writer.Write(slot);
            writer.Write(rest);
        }
        return (current, version1.ToArray());
    }

    /// <summary>As a fresh process would: builds model and optimizer (Bayesian init and all), then loads both.</summary>
    static (TorchSharp.Modules.Sequential Model, EnhancedSGD Optimizer) Resume(byte[] modelState, byte[] optimizerState)
    {
        var model = LinearTask.Model(seed: 999);
        var optimizer = Create(model);
        using (var reader = new BinaryReader(new MemoryStream(modelState))) model.load(reader);
        using (var reader = new BinaryReader(new MemoryStream(optimizerState))) optimizer.load_state_dict(reader);
        return (model, optimizer);
    }

    [Fact]
    public void State_saved_before_the_deviation_rule_loads_and_D_starts_again_from_the_next_batch()
    {
        const int saveAt = 23;
        using var model = LinearTask.Model(seed: 4);
        byte[] current, version1, modelState;
        using (var first = Create(model))
        {
            for (var step = 0; step < saveAt; step++) LinearTask.Step(model, first, step);
            (current, version1) = SavedStates(first);
            using var modelStream = new MemoryStream();
            using (var writer = new BinaryWriter(modelStream, System.Text.Encoding.UTF8, leaveOpen: true)) model.save(writer);
            modelState = modelStream.ToArray();
        }

        // A 50-fold loss right after the load: with D restored it is a spike; with a format-1 state
        // D has no deviation yet, so the guard waits (instead of comparing with L + 4·0).
        var (resumedModel, resumed) = Resume(modelState, current);
        using (resumedModel)
        using (resumed)
        {
            LinearTask.Step(resumedModel, resumed, saveAt, lossMultiplier: 50);
            resumed.DrainTelemetry().Steps.Single().Spike.Should().BeTrue();
        }
        (resumedModel, resumed) = Resume(modelState, version1);
        using (resumedModel)
        using (resumed)
        {
            resumed.Steps.Should().Be(saveAt);
            LinearTask.Step(resumedModel, resumed, saveAt, lossMultiplier: 50);
            resumed.DrainTelemetry().Steps.Single().Spike.Should().BeFalse("D has no deviation after loading a format-1 state");
        }

        // After one ordinary batch D is back, and the same spike fires; training goes on from the
        // loaded state.
        (resumedModel, resumed) = Resume(modelState, version1);
        using (resumedModel)
        using (resumed)
        {
            LinearTask.Step(resumedModel, resumed, saveAt);
            LinearTask.Step(resumedModel, resumed, saveAt + 1, lossMultiplier: 50);
            for (var step = saveAt + 2; step < 60; step++) LinearTask.Step(resumedModel, resumed, step);
            var steps = resumed.DrainTelemetry().Steps;
            steps.Select(s => s.Step).Should().Equal(Enumerable.Range(saveAt + 1, 60 - saveAt).Select(i => (long)i));
            steps[0].Spike.Should().BeFalse();
            steps[1].Spike.Should().BeTrue();
            steps[1].LrScale.Should().Be(steps[0].LrScale / 2);
            resumedModel.parameters().Should().OnlyContain(p => p.isfinite().all().item<bool>());
        }
    }

    [Fact]
    public void State_of_an_unknown_format_is_refused_with_one_line()
    {
        using var model = LinearTask.Model(seed: 4);
        using var optimizer = Create(model);
        for (var step = 0; step < 3; step++) LinearTask.Step(model, optimizer, step);
        var (current, _) = SavedStates(optimizer);
        using var global = new MemoryStream();
        using (var writer = new BinaryWriter(global, System.Text.Encoding.UTF8, leaveOpen: true)) optimizer.state_dict().State.Last().SaveStateDict(writer);
        BitConverter.GetBytes(3).CopyTo(current, current.Length - (int)global.Length);

        using var otherModel = LinearTask.Model(seed: 4);
        using var other = Create(otherModel);
        using var reader = new BinaryReader(new MemoryStream(current));
        var load = () => other.load_state_dict(reader);
        load.Should().Throw<InvalidDataException>().WithMessage("EnhancedSGD state has format version 3; this build reads versions 1 to 2");
    }

    [Fact]
    public void Loading_state_of_another_profile_fails_clearly()
    {
        using var model = LinearTask.Model(seed: 4);
        using var legacy = Create(model, "enhanced-sgd-legacy");
        LinearTask.Step(model, legacy, 0);
        using var state = new MemoryStream();
        using (var writer = new BinaryWriter(state, System.Text.Encoding.UTF8, leaveOpen: true)) legacy.save_state_dict(writer);

        using var enhanced = Create(model);
        state.Position = 0;
        using var reader = new BinaryReader(state);
        var load = () => enhanced.load_state_dict(reader);
        load.Should().Throw<InvalidDataException>().WithMessage("*no controller*");
    }

    [Fact]
    public void The_in_memory_state_dict_copies_one_optimizer_into_another()
    {
        using var model = LinearTask.Model(seed: 4);
        using var source = Create(model);
        for (var step = 0; step < 12; step++) LinearTask.Step(model, source, step);
        using var otherModel = LinearTask.Model(seed: 4);
        using var copy = Create(otherModel);
        copy.load_state_dict(source.state_dict());
        copy.Steps.Should().Be(12);
        copy.Controller!.Epsilon.Should().Be(source.Controller!.Epsilon);
    }
}
