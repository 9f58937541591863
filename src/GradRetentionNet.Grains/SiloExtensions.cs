using GradRetentionNet.Observability;
using Microsoft.Extensions.DependencyInjection;

namespace GradRetentionNet.Grains;

/// <summary>What a GradRetentionNet silo adds to its services.</summary>
public static class SiloExtensions
{
    /// <summary>The training slots and the silo's metrics, labelled with the Orleans silo name.</summary>
    public static IServiceCollection AddTrainingSlots(this IServiceCollection services, JobRunnerOptions options) =>
        services.AddSingleton(options).AddSingleton<JobRunner>()
            .AddSiloMetrics(provider => provider.GetRequiredService<ILocalSiloDetails>().Name)
            .AddHostedService<TrainingSlotsStartup>();
}
