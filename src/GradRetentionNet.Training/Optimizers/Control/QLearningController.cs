using TorchSharp;

namespace GradRetentionNet.Training.Optimizers.Control;

/// <summary>
/// Tabular Q-learning over the 36 discretised training states with a factorised action: one
/// Q-table per scaled quantity (lr, momentum, gradient), each choosing ×0.9, ×1 or ×1.1. All
/// three tables learn from the same reward. It acts on any <see cref="IControllableOptimizer"/>,
/// like a learning-rate scheduler acts on an optimizer.
/// </summary>
public sealed class QLearningController : IDisposable
{
    const int FormatVersion = 1;
    static readonly ControlledFactor[] Factors = [ControlledFactor.Lr, ControlledFactor.Momentum, ControlledFactor.Grad];

    readonly ControllerOptions options;
    readonly double[][,] qTables;
    readonly torch.Generator generator;
    (int State, ControllerAction Action)? previous;

    /// <param name="options">Hyperparameters; validated here.</param>
    /// <param name="seed">Seed of the exploration stream; the same seed gives the same decisions.</param>
    public QLearningController(ControllerOptions options, long seed)
    {
        options.Validate();
        this.options = options;
        qTables = Factors.Select(_ => new double[ControllerStateSpace.Count, ControllerAction.Choices]).ToArray();
        generator = new torch.Generator(unchecked((ulong)seed), torch.CPU);
        Epsilon = options.InitialEpsilon;
    }

    /// <summary>The exploration rate the next decision will use.</summary>
    public double Epsilon { get; private set; }

    /// <summary>Decisions taken so far.</summary>
    public long Decisions { get; private set; }

    /// <summary>Q[state, action] of one factor.</summary>
    public double Q(ControlledFactor factor, int state, int action) => qTables[(int)factor][state, action];

    /// <summary>
    /// Sets the three scales to draws from N(1, σ²) (σ = <see cref="ControllerOptions.InitialScaleSigma"/>),
    /// within bounds: the controller's part of Bayesian initialisation.
    /// </summary>
    public void DrawInitialScales(IControllableOptimizer target)
    {
        var sigma = options.InitialScaleSigma;
        target.LrScale = ClampLr(1 + sigma * Normal());
        target.MomentumScale = ClampMomentumScale(target, 1 + sigma * Normal());
        target.GradScale = ClampGrad(1 + sigma * Normal());
    }

    /// <summary>
    /// Credits the previous decision with the reward the interval earned, updates the Q-tables,
    /// then picks and applies the next action. After a loss spike the choice is greedy.
    /// </summary>
    public ControllerDecision Decide(IntervalObservation observation, IControllableOptimizer target)
    {
        var state = observation.State;
        double? reward = null;
        if (previous is { } last)
        {
            reward = Reward(observation);
            foreach (var factor in Factors)
                Update(qTables[(int)factor], last.State, last.Action[factor], reward.Value, state);
        }

        var epsilon = Epsilon;
        var explored = false;
        var choices = new int[Factors.Length];
        foreach (var factor in Factors)
        {
            var explore = !observation.SpikeSeen && Uniform() < epsilon;
            explored |= explore;
            choices[(int)factor] = explore ? UniformChoice() : Greedy(qTables[(int)factor], state);
        }
        var action = new ControllerAction(choices[0], choices[1], choices[2]);

        target.LrScale = ClampLr(target.LrScale * action.LrMultiplier);
        target.MomentumScale = ClampMomentumScale(target, target.MomentumScale * action.MomentumMultiplier);
        target.GradScale = ClampGrad(target.GradScale * action.GradMultiplier);

        previous = (state, action);
        Epsilon = Math.Max(options.MinEpsilon, Epsilon * options.EpsilonDecay);
        Decisions++;
        return new ControllerDecision(state, action, reward, epsilon, explored);
    }

    /// <summary>r = −(log L_now − log L_prev) − λ·|ρ|, clipped to [−1, 1].</summary>
    public double Reward(IntervalObservation observation)
    {
        var lossImprovement = -(SafeLog(observation.Loss) - SafeLog(observation.PreviousLoss));
        var reward = lossImprovement - options.VariancePenalty * Math.Abs(observation.VarianceTrend);
        return Math.Clamp(reward, -1, 1);
    }

    void Update(double[,] q, int state, int action, double reward, int nextState)
    {
        var best = Math.Max(q[nextState, 0], Math.Max(q[nextState, 1], q[nextState, 2]));
        q[state, action] += options.LearningRate * (reward + options.Discount * best - q[state, action]);
    }

    // Ties (all-zero rows at first) prefer "keep"; otherwise a random one among the tied best,
    // so an untrained table does not drift the scales in one direction.
    int Greedy(double[,] q, int state)
    {
        var best = Math.Max(q[state, 0], Math.Max(q[state, 1], q[state, 2]));
        if (q[state, ControllerAction.Keep] == best) return ControllerAction.Keep;
        var tied = Enumerable.Range(0, ControllerAction.Choices).Where(a => q[state, a] == best).ToArray();
        return tied.Length == 1 ? tied[0] : tied[(int)Math.Min(tied.Length - 1, Uniform() * tied.Length)];
    }

    double ClampLr(double scale) => Math.Clamp(scale, options.MinLrScale, options.MaxLrScale);

    double ClampGrad(double scale) => Math.Clamp(scale, options.MinGradScale, options.MaxGradScale);

    // The momentum bounds apply to the effective momentum, so the scale's bounds follow the base.
    double ClampMomentumScale(IControllableOptimizer target, double scale) =>
        target.BaseMomentum > 0
            ? Math.Clamp(scale, options.MinMomentum / target.BaseMomentum, options.MaxMomentum / target.BaseMomentum)
            : 1.0;

    static double SafeLog(double loss) => Math.Log(Math.Max(loss, 1e-12));

    int UniformChoice() => (int)Math.Min(ControllerAction.Choices - 1, Uniform() * ControllerAction.Choices);

    double Uniform()
    {
        using var draw = torch.rand(1, dtype: torch.float64, generator: generator);
        return draw.item<double>();
    }

    double Normal()
    {
        using var draw = torch.randn(1, dtype: torch.float64, generator: generator);
        return draw.item<double>();
    }

    /// <summary>Writes everything needed to continue exactly: Q-tables, ε, counters, the last decision, the generator.</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(FormatVersion);
        foreach (var q in qTables)
            foreach (var value in q)
                writer.Write(value);
        writer.Write(Epsilon);
        writer.Write(Decisions);
        writer.Write(previous.HasValue);
        if (previous is { } last)
        {
            writer.Write(last.State);
            writer.Write(last.Action.Lr);
            writer.Write(last.Action.Momentum);
            writer.Write(last.Action.Grad);
        }
        using var state = generator.get_state();
        var bytes = state.data<byte>().ToArray();
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    /// <summary>Restores what <see cref="Save"/> wrote.</summary>
    public void Load(BinaryReader reader)
    {
        var version = reader.ReadInt32();
        if (version != FormatVersion)
            throw new InvalidDataException($"controller state has format version {version}; this build reads version {FormatVersion}");
        foreach (var q in qTables)
            for (var s = 0; s < q.GetLength(0); s++)
                for (var a = 0; a < q.GetLength(1); a++)
                    q[s, a] = reader.ReadDouble();
        Epsilon = reader.ReadDouble();
        Decisions = reader.ReadInt64();
        previous = reader.ReadBoolean()
            ? (reader.ReadInt32(), new ControllerAction(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32()))
            : null;
        var bytes = reader.ReadBytes(reader.ReadInt32());
        using var state = torch.tensor(bytes);
        generator.set_state(state);
    }

    public void Dispose() => generator.Dispose();
}
