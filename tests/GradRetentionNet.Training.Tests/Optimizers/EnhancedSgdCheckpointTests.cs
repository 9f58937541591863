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
