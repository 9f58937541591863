namespace GradRetentionNet.Training.Optimizers.Catalog;

/// <summary>What a job tells the optimizer beyond its hyperparameters.</summary>
/// <param name="Seed">The job's seed: every random stream of the optimizer derives from it.</param>
/// <param name="PlannedSteps">Optimizer steps the job will take (0 if unknown).</param>
public sealed record OptimizerContext(long Seed, long PlannedSteps = 0);
