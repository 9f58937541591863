namespace GradRetentionNet.Bench.DataPipeline;

/// <summary>One dataset measured: its name, the batch size quick sweeps use on it, and how many training examples to take.</summary>
public sealed record PipelineCase(string Dataset, int BatchSize, long MaxTrainSamples)
{
    /// <summary>One dataset of each offline family, sized so a round of both passes takes seconds on 2 cores.</summary>
    public static readonly IReadOnlyList<PipelineCase> Defaults =
    [
        new("mnist-digits-10k", 64, 2000),
        new("fashion-mnist", 64, 2000),
        new("cifar10-generated", 64, 1000),
        new("imdb-sentences", 32, 512),
        new("fortunes-topics-4", 32, 512),
        new("voc-labelme-examples", 2, 3),
    ];
}

/// <summary>One round's two rates: batches the loader delivered per second alone, and training steps per second on the same batches.</summary>
public sealed record RoundRates(double LoaderBatchesPerSecond, double TrainStepsPerSecond)
{
    /// <summary>How many times faster the loader is than training consumes (above 1: the loader keeps up).</summary>
    public double Headroom => LoaderBatchesPerSecond / TrainStepsPerSecond;
}

/// <summary>A dataset's rounds and their medians.</summary>
public sealed record PipelineFigures(PipelineCase Case, string Model, long Batches, IReadOnlyList<RoundRates> Rounds)
{
    public double LoaderMedian => Median(Rounds.Select(r => r.LoaderBatchesPerSecond));
    public double TrainMedian => Median(Rounds.Select(r => r.TrainStepsPerSecond));
    public double HeadroomMedian => Median(Rounds.Select(r => r.Headroom));
    public double HeadroomMin => Rounds.Min(r => r.Headroom);
    public double HeadroomMax => Rounds.Max(r => r.Headroom);

    /// <summary>Share of a training step's time the loader's batch takes (its batch is made inside the step's loop).</summary>
    public double LoaderShareOfStep => TrainMedian / LoaderMedian;

    static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
