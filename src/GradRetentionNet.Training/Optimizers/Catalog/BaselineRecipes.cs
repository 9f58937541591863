using TorchSharp;
using static GradRetentionNet.Training.Optimizers.Catalog.HyperParameter;

namespace GradRetentionNet.Training.Optimizers.Catalog;

/// <summary>
/// TorchSharp's own optimizers with PyTorch's defaults (and the original project's lr choices),
/// every value passed explicitly because TorchSharp's factory defaults differ from PyTorch's.
/// </summary>
internal static class BaselineRecipes
{
    static readonly HyperParameter UnitMomentum = Number("momentum", 0.9, "heavy-ball momentum", v => v >= 0 && v < 1, "in [0, 1)");
    static readonly HyperParameter Beta1 = Number("beta1", 0.9, "first-moment decay", v => v >= 0 && v < 1, "in [0, 1)");
    static readonly HyperParameter Beta2 = Number("beta2", 0.999, "second-moment decay", v => v >= 0 && v < 1, "in [0, 1)");
    static readonly HyperParameter Epsilon = Number("eps", 1e-8, "denominator term", v => v > 0, "> 0");
    static readonly HyperParameter AmsGrad = Flag("amsgrad", false, "use the AMSGrad maximum of second moments");

    public static HyperParameter LearningRate(double @default) => Number("lr", @default, "learning rate", v => v > 0, "> 0");

    public static HyperParameter WeightDecay(double @default, string description = "L2 penalty added to the gradient") =>
        Number("weight_decay", @default, description, v => v >= 0, ">= 0");

    public static IEnumerable<OptimizerRecipe> All()
    {
        yield return new OptimizerRecipe(
            "sgd", "SGD with heavy-ball momentum (torch.optim.SGD; the original's lr 0.01, momentum 0.9)",
            [LearningRate(0.01), UnitMomentum, Number("dampening", 0, "momentum dampening", v => v >= 0 && v <= 1, "in [0, 1]"),
             WeightDecay(0), Flag("nesterov", false, "Nesterov momentum")],
            (parameters, h, _) => torch.optim.SGD(parameters, h.Number("lr"), h.Number("momentum"), h.Number("dampening"),
                h.Number("weight_decay"), h.Flag("nesterov"), maximize: false),
            h =>
            {
                if (h.Flag("nesterov") && (h.Number("momentum") <= 0 || h.Number("dampening") != 0))
                    throw new ArgumentException("nesterov = true needs momentum > 0 and dampening = 0");
            });

        yield return new OptimizerRecipe(
            "adam", "Adam (torch.optim.Adam, PyTorch defaults, lr 1e-3)",
            [LearningRate(1e-3), Beta1, Beta2, Epsilon, WeightDecay(0), AmsGrad],
            (parameters, h, _) => torch.optim.Adam(parameters, h.Number("lr"), h.Number("beta1"), h.Number("beta2"),
                h.Number("eps"), h.Number("weight_decay"), h.Flag("amsgrad"), maximize: false));

        yield return new OptimizerRecipe(
            "adamw", "AdamW (torch.optim.AdamW, PyTorch defaults: lr 1e-3, decoupled weight decay 0.01)",
            [LearningRate(1e-3), Beta1, Beta2, Epsilon, WeightDecay(0.01, "decoupled weight decay"), AmsGrad],
            (parameters, h, _) => torch.optim.AdamW(parameters, h.Number("lr"), h.Number("beta1"), h.Number("beta2"),
                h.Number("eps"), h.Number("weight_decay"), h.Flag("amsgrad"), maximize: false));

        yield return new OptimizerRecipe(
            "rmsprop", "RMSprop (torch.optim.RMSprop, PyTorch defaults, the original's lr 1e-3)",
            [LearningRate(1e-3), Number("alpha", 0.99, "squared-gradient decay", v => v >= 0 && v < 1, "in [0, 1)"), Epsilon,
             WeightDecay(0), Number("momentum", 0, "momentum", v => v >= 0 && v < 1, "in [0, 1)"),
             Flag("centered", false, "normalise by the centred second moment")],
            (parameters, h, _) => torch.optim.RMSProp(parameters, h.Number("lr"), h.Number("alpha"), h.Number("eps"),
                h.Number("weight_decay"), h.Number("momentum"), h.Flag("centered"), maximize: false));
    }
}
