using TorchSharp.Modules;

namespace GradRetentionNet.Training.Optimizers.Enhanced;

/// <summary>Factories in the style of <c>torch.optim</c>.</summary>
public static class EnhancedOptim
{
    /// <summary>EnhancedSGD over one group of parameters.</summary>
    /// <param name="parameters">Parameters to optimise.</param>
    /// <param name="lr">Learning rate (default 0.01).</param>
    /// <param name="momentum">Heavy-ball momentum (default 0.9).</param>
    /// <param name="weight_decay">Coupled L2 penalty (default 0).</param>
    /// <param name="nesterov">Nesterov momentum (default false).</param>
    /// <param name="config">Profile and design settings (default: the <c>enhanced</c> profile, seed 0).</param>
    public static EnhancedSGD EnhancedSGD(IEnumerable<Parameter> parameters, double lr = 0.01, double momentum = 0.9,
        double weight_decay = 0, bool nesterov = false, EnhancedSgdConfig? config = null) =>
        new([new EnhancedSGD.ParamGroup(parameters)], lr, momentum, weight_decay, nesterov, config);

    /// <summary>EnhancedSGD over named parameters, as <c>module.named_parameters()</c> yields them.</summary>
    public static EnhancedSGD EnhancedSGD(IEnumerable<(string name, Parameter parameter)> parameters, double lr = 0.01,
        double momentum = 0.9, double weight_decay = 0, bool nesterov = false, EnhancedSgdConfig? config = null) =>
        EnhancedSGD(parameters.Select(p => p.parameter), lr, momentum, weight_decay, nesterov, config);

    /// <summary>EnhancedSGD over several parameter groups with their own options.</summary>
    public static EnhancedSGD EnhancedSGD(IEnumerable<EnhancedSGD.ParamGroup> groups, double lr = 0.01, double momentum = 0.9,
        double weight_decay = 0, bool nesterov = false, EnhancedSgdConfig? config = null) =>
        new(groups, lr, momentum, weight_decay, nesterov, config);
}
