using GradRetentionNet.Training.Optimizers.Control;

namespace GradRetentionNet.Training.Tests.Optimizers.Control;

public sealed class QLearningControllerTests
{
    static IntervalObservation Observe(long step, double loss, double previousLoss, double rho = 0, bool spike = false) =>
        new(step, loss, previousLoss, rho, PlannedSteps: 300, spike);

    [Fact]
    public void Epsilon_decays_by_one_percent_per_decision_down_to_its_floor()
    {
        using var controller = new QLearningController(new ControllerOptions(), seed: 1);
        var target = new ScalesUnderControl();
        var used = new List<double>();
        for (var i = 0; i < 400; i++) used.Add(controller.Decide(Observe(10 * (i + 1), 1.0, 1.0), target).Epsilon);

        used[0].Should().Be(0.3);
        used[1].Should().BeApproximately(0.297, 1e-15);
        used[10].Should().BeApproximately(0.3 * Math.Pow(0.99, 10), 1e-12);
        // 0.3·0.99^n < 0.02 from n = 270 on.
        used[269].Should().BeApproximately(0.3 * Math.Pow(0.99, 269), 1e-12).And.BeGreaterThan(0.02);
        used.Skip(270).Should().OnlyContain(e => e == 0.02);
    }

    [Fact]
    public void The_reward_follows_the_formula_and_is_clipped()
    {
        using var controller = new QLearningController(new ControllerOptions(), seed: 1);
        controller.Reward(Observe(20, 0.9, 1.0, rho: 0.3)).Should().BeApproximately(-(Math.Log(0.9) - Math.Log(1.0)) - 0.1 * 0.3, 1e-12);
        controller.Reward(Observe(20, 1.0, 1.0, rho: -0.5)).Should().BeApproximately(-0.05, 1e-12);
        controller.Reward(Observe(20, 0.1, 1.0)).Should().Be(1);
        controller.Reward(Observe(20, 10, 1.0)).Should().Be(-1);
    }

    [Fact]
    public void One_Q_update_matches_a_hand_computation()
    {
        // Exploration off, so the first action is the tie-break "keep" in every table.
        using var controller = new QLearningController(new ControllerOptions { InitialEpsilon = 0, MinEpsilon = 0 }, seed: 1);
        var target = new ScalesUnderControl();

        var first = controller.Decide(Observe(10, loss: 1.0, previousLoss: 1.0), target);
        first.Reward.Should().BeNull("there is no earlier decision to credit");
        first.Action.Should().Be(new ControllerAction(ControllerAction.Keep, ControllerAction.Keep, ControllerAction.Keep));
        var s = first.State;

        // The loss fell 5 % with variance up 20 % over the next interval.
        var second = controller.Decide(Observe(20, loss: 0.95, previousLoss: 1.0, rho: 0.2), target);
        var reward = -(Math.Log(0.95) - Math.Log(1.0)) - 0.1 * 0.2;
        second.Reward.Should().BeApproximately(reward, 1e-12);

        // Q(s, keep) ← 0 + α·(r + γ·max Q(s', ·) − 0) with all of Q(s', ·) still 0.
        foreach (var factor in Enum.GetValues<ControlledFactor>())
        {
            controller.Q(factor, s, ControllerAction.Keep).Should().BeApproximately(0.1 * reward, 1e-12);
            controller.Q(factor, s, 0).Should().Be(0);
            controller.Q(factor, s, 2).Should().Be(0);
        }

        // A third decision back in state s: the bootstrap term now uses max Q(s, ·) = 0.1·r.
        var third = controller.Decide(Observe(30, loss: 1.0, previousLoss: 1.0), target);
        third.State.Should().Be(s);
        var s2 = second.State;
        var r3 = -(Math.Log(1.0) - Math.Log(1.0));
        controller.Q(ControlledFactor.Lr, s2, second.Action.Lr).Should().BeApproximately(0.1 * (r3 + 0.9 * 0.1 * reward), 1e-12);
    }

    [Fact]
    public void A_myopic_controller_ignores_the_future()
    {
        using var controller = new QLearningController(new ControllerOptions { Discount = 0, InitialEpsilon = 0, MinEpsilon = 0 }, seed: 3);
        var target = new ScalesUnderControl();
        var s = controller.Decide(Observe(10, 1.0, 1.0), target).State;
        controller.Decide(Observe(20, 0.95, 1.0), target);
        var bootstrapSource = controller.Q(ControlledFactor.Lr, s, ControllerAction.Keep);
        controller.Decide(Observe(30, 1.0, 1.0), target); // back in s: gamma = 0 must not use Q(s, ·)
        controller.Q(ControlledFactor.Lr, s, ControllerAction.Keep).Should().BeApproximately(bootstrapSource, 1e-15);
    }

    [Fact]
    public void Scales_stay_within_their_bounds_whatever_is_chosen()
    {
        using var controller = new QLearningController(new ControllerOptions { InitialEpsilon = 1, MinEpsilon = 1 }, seed: 5);
        var target = new ScalesUnderControl(baseMomentum: 0.9);
        var seen = new List<(double Lr, double Momentum, double Grad)>();
        for (var i = 1; i <= 2_000; i++)
        {
            controller.Decide(Observe(10 * i, 1.0, 1.0), target);
            seen.Add((target.LrScale, target.MomentumScale * 0.9, target.GradScale));
        }
        seen.Should().OnlyContain(s => s.Lr >= 0.1 && s.Lr <= 10);
        seen.Should().OnlyContain(s => s.Momentum >= 0.5 - 1e-12 && s.Momentum <= 0.99 + 1e-12);
        seen.Should().OnlyContain(s => s.Grad >= 0.5 && s.Grad <= 2);
        // A random walk over 2,000 steps reaches both ends of a bounded range.
        seen.Max(s => s.Grad).Should().Be(2);
        seen.Min(s => s.Grad).Should().Be(0.5);
    }

    [Fact]
    public void After_a_loss_spike_the_choice_is_greedy()
    {
        using var controller = new QLearningController(new ControllerOptions { InitialEpsilon = 1, MinEpsilon = 1 }, seed: 11);
        var target = new ScalesUnderControl();
        for (var i = 1; i <= 50; i++)
        {
            var decision = controller.Decide(Observe(10 * i, 1.0, 1.0, spike: true), target);
            decision.Explored.Should().BeFalse();
            decision.Action.Should().Be(new ControllerAction(ControllerAction.Keep, ControllerAction.Keep, ControllerAction.Keep));
        }
        target.LrScale.Should().Be(1);
        controller.Decide(Observe(510, 1.0, 1.0, spike: false), target).Explored.Should().BeTrue("with epsilon 1 every factor explores");
    }

    [Fact]
    public void The_same_seed_gives_the_same_decisions_and_another_seed_does_not()
    {
        static string Run(long seed)
        {
            using var controller = new QLearningController(new ControllerOptions(), seed);
            var target = new ScalesUnderControl();
            var actions = new List<ControllerAction>();
            for (var i = 1; i <= 200; i++) actions.Add(controller.Decide(Observe(10 * i, 1.0 - i * 0.001, 1.0 - (i - 1) * 0.001), target).Action);
            return string.Join(";", actions);
        }
        Run(42).Should().Be(Run(42));
        Run(42).Should().NotBe(Run(43));
    }

    [Fact]
    public void Bayesian_initial_scales_are_drawn_near_one()
    {
        var draws = new List<double>();
        for (var seed = 0; seed < 200; seed++)
        {
            using var controller = new QLearningController(new ControllerOptions(), seed);
            var target = new ScalesUnderControl();
            controller.DrawInitialScales(target);
            draws.Add(target.LrScale);
        }
        draws.Average().Should().BeApproximately(1, 0.02);
        var std = Math.Sqrt(draws.Sum(d => (d - draws.Average()) * (d - draws.Average())) / (draws.Count - 1));
        std.Should().BeInRange(0.035, 0.065);
    }

    [Fact]
    public void Saved_state_continues_exactly()
    {
        using var original = new QLearningController(new ControllerOptions(), seed: 9);
        var target = new ScalesUnderControl();
        for (var i = 1; i <= 30; i++) original.Decide(Observe(10 * i, 1.0 / i, 1.0 / Math.Max(1, i - 1)), target);

        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) original.Save(writer);
        buffer.Position = 0;
        using var restored = new QLearningController(new ControllerOptions(), seed: 12345);
        using (var reader = new BinaryReader(buffer)) restored.Load(reader);

        var copy = new ScalesUnderControl { LrScale = target.LrScale, MomentumScale = target.MomentumScale, GradScale = target.GradScale };
        for (var i = 31; i <= 60; i++)
        {
            var observation = Observe(10 * i, 1.0 / i, 1.0 / (i - 1));
            restored.Decide(observation, copy).Should().Be(original.Decide(observation, target));
        }
        copy.LrScale.Should().Be(target.LrScale);
    }
}
