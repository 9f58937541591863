using Microsoft.Extensions.DependencyInjection;

namespace GradRetentionNet.Grains;

/// <summary>What a GradRetentionNet silo adds to its services.</summary>
public static class SiloExtensions
{
    /// <summary>Training slots that run jobs with the real trainer.</summary>
    public static IServiceCollection AddTrainingSlots(this IServiceCollection services, JobRunnerOptions options) =>
        services.AddTrainingSlots<TrainingJobExecutor>(options);

    /// <summary>Training slots with another executor (benchmarks of the orchestration itself).</summary>
    public static IServiceCollection AddTrainingSlots<TExecutor>(this IServiceCollection services, JobRunnerOptions options)
        where TExecutor : class, IJobExecutor =>
        services.AddSingleton(options)
            .AddSingleton<IJobExecutor, TExecutor>()
            .AddSingleton<JobRunner>()
            .AddSingleton<SlotAgent>()
            .AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<SlotAgent>());
}
