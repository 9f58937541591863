using GradRetentionNet.Observability;
using GradRetentionNet.Training.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace GradRetentionNet.Grains;

/// <summary>What a GradRetentionNet silo adds to its services.</summary>
public static class SiloExtensions
{
    /// <summary>Training slots that run jobs with the real trainer.</summary>
    public static IServiceCollection AddTrainingSlots(this IServiceCollection services, JobRunnerOptions options) =>
        services.AddSingleton(_ => new TrainingDataCache(dataRoot: options.DataRoot)) // disposed with the silo's services
            .AddTrainingSlots<TrainingJobExecutor>(options);

    /// <summary>
    /// Training slots with another executor (orchestration tests and benchmarks), the silo's slot
    /// agent (adverts, waking sweeps, hand-back at shutdown), and its metrics labelled with the Orleans silo name.
    /// </summary>
    public static IServiceCollection AddTrainingSlots<TExecutor>(this IServiceCollection services, JobRunnerOptions options)
        where TExecutor : class, IJobExecutor =>
        services.AddSingleton(options)
            .AddSingleton<IJobExecutor, TExecutor>()
            .AddSingleton<JobRunner>()
            .AddSingleton<SlotAgent>()
            .AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<SlotAgent>())
            .AddSiloMetrics(provider => provider.GetRequiredService<ILocalSiloDetails>().Name)
            .AddHostedService<TrainingSlotsStartup>();
}
