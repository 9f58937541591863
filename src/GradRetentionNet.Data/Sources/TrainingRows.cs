using GradRetentionNet.Data.Splits;

namespace GradRetentionNet.Data.Sources;

/// <summary>
/// Which rows of a source's training set a dataset trains and validates on: first the seeded
/// max_train_samples subset, then (with a validation fraction) the validation carve out of that
/// subset. Both draws use <see cref="DataOptions.Seed"/>, never a job's seed, so every trial of a
/// workload trains and validates on the same examples whatever its seed or optimizer.
/// </summary>
/// <param name="Train">Rows to train on, ascending; null: all of them.</param>
/// <param name="Validation">Rows to validate on, ascending; null: no validation split.</param>
internal sealed record TrainingRows(long[]? Train, long[]? Validation)
{
    /// <summary>The rows of a training set of <paramref name="count"/> examples, whose strata <paramref name="stratumOf"/> gives by row.</summary>
    public static TrainingRows Select(int count, Func<int, int> stratumOf, DataOptions options)
    {
        var subset = SeededSubset.Indices(count, options.MaxTrainSamples, options.Seed);
        if (options.ValidationFraction is not { } fraction) return new TrainingRows(subset, null);

        var rows = subset ?? [.. Enumerable.Range(0, count).Select(i => (long)i)];
        var carve = ValidationCarve.Draw([.. rows.Select(row => stratumOf((int)row))], fraction, options.Seed);
        return new TrainingRows([.. carve.Train.Select(p => rows[p])], [.. carve.Validation.Select(p => rows[p])]);
    }
}
