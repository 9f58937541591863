namespace GradRetentionNet.Sweeps.Study;

/// <summary>
/// EnhancedSGD's full design and its ablations, by name: each ablation is the design with one
/// component switched off (<c>enhanced-sgd-no-*</c>) or, for <c>enhanced-sgd-bandit</c>, with the
/// controller's lookahead off (γ = 0). <c>enhanced-sgd-legacy</c> is not an ablation: it is what the
/// original code executed, a different optimizer rather than the design less one part.
/// </summary>
public static class StudyAblations
{
    /// <summary>The full design every ablation is paired against.</summary>
    public const string FullDesign = "enhanced-sgd";

    const string SwitchedOffPrefix = FullDesign + "-no-";
    const string Bandit = FullDesign + "-bandit";

    // What each known ablation switches off, in words; an ablation added later without an entry
    // here still gets a name from its own ("enhanced-sgd-no-foo-bar" → "foo bar").
    static readonly Dictionary<string, string> Components = new(StringComparer.OrdinalIgnoreCase)
    {
        [SwitchedOffPrefix + "controller"] = "the Q-learning controller",
        [SwitchedOffPrefix + "clip"] = "adaptive clipping",
        [SwitchedOffPrefix + "noise"] = "the annealed gradient noise",
        [SwitchedOffPrefix + "var-factor"] = "the variance learning-rate factor",
        [SwitchedOffPrefix + "spike-guard"] = "the loss-spike guard",
        [Bandit] = "the controller's lookahead",
    };

    public static bool IsAblation(string optimizer) =>
        (optimizer.StartsWith(SwitchedOffPrefix, StringComparison.OrdinalIgnoreCase) && optimizer.Length > SwitchedOffPrefix.Length)
        || string.Equals(optimizer, Bandit, StringComparison.OrdinalIgnoreCase);

    /// <summary>The component an ablation switches off, in words ("adaptive clipping").</summary>
    /// <exception cref="ArgumentException">The optimizer is not an ablation of the design.</exception>
    public static string ComponentOf(string ablation)
    {
        if (!IsAblation(ablation)) throw new ArgumentException($"'{ablation}' is not an ablation of {FullDesign}", nameof(ablation));
        return Components.TryGetValue(ablation, out var component) ? component : ablation[SwitchedOffPrefix.Length..].Replace('-', ' ');
    }
}
