using Microsoft.Extensions.DependencyInjection;

namespace GradRetentionNet.Grains;

/// <summary>What a GradRetentionNet silo adds to its services.</summary>
public static class SiloExtensions
{
    public static IServiceCollection AddTrainingSlots(this IServiceCollection services, JobRunnerOptions options) =>
        services.AddSingleton(options).AddSingleton<JobRunner>();
}
