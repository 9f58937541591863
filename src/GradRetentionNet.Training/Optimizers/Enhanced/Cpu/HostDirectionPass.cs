using GradRetentionNet.Training.Optimizers.Cpu;
using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Optimizers.Enhanced.Cpu;

/// <summary>
/// One step's <see cref="DirectionKernel"/> on the CPU: the step's clip rule, gradient scale,
/// centring and noise resolved once to host numbers (reading a CPU tensor is no synchronisation),
/// then one pass per float32 gradient.
/// </summary>
internal sealed class HostDirectionPass
{
    readonly DirectionRecipe recipe;
    readonly double[]? centres;
    readonly CounterNoise? noise;

    HostDirectionPass(DirectionRecipe recipe, double[]? centres, CounterNoise? noise)
    {
        this.recipe = recipe;
        this.centres = centres;
        this.noise = noise;
    }

    /// <summary>The pass for this step, or null when the parameters are not on the CPU.</summary>
    /// <param name="elementCounts">Elements of each gradient tensor, in the order of <paramref name="moments"/>.</param>
    /// <param name="noiseStd">The step's noise standard deviation (0: none).</param>
    public static HostDirectionPass? Prepare(DeviceState state, EnhancedSgdConfig config, ClipRule clip, GradientMoments moments,
        long[] elementCounts, double gradScale, double noiseStd)
    {
        if (state.Device.type != DeviceType.CPU) return null;
        var (bound, factor) = clip.HostLimits();
        double[]? centres = null;
        if (config.CentreGradients)
        {
            var sums = moments.TensorSums.data<double>().ToArray();
            centres = sums.Select((sum, i) => sum / elementCounts[i]).ToArray();
        }
        var noise = noiseStd > 0 ? state.Noise! : null;
        var recipe = new DirectionRecipe(0, (float)gradScale, bound, factor, (float)noiseStd, noise?.Key ?? 0);
        return new HostDirectionPass(recipe, centres, noise);
    }

    /// <summary>Whether the pass can take this gradient (contiguous float32); libtorch's operations take the others.</summary>
    public static bool Handles(Tensor gradient) => TensorMemory.IsHostFloats(gradient);

    /// <summary>Writes the direction of gradient number <paramref name="index"/>; returns how many elements were clipped.</summary>
    public long Run(int index, Tensor gradient, Tensor direction)
    {
        var word = noise?.Reserve(gradient.numel()) ?? 0;
        var tensorRecipe = centres is null ? recipe : recipe with { Centre = (float)centres[index] };
        return DirectionKernel.Run(TensorMemory.Floats(gradient), TensorMemory.Floats(direction), tensorRecipe, word);
    }
}
