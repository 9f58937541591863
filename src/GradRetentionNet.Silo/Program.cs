using GradRetentionNet.Silo;
using GradRetentionNet.Training.Jobs;

// "grn-silo health" (the images' HEALTHCHECK) only asks a running silo's /health/live: nothing else starts.
if (args is ["health", ..]) return await HealthCommand.RunAsync(args[1..], Console.Out, Console.Error);
// "grn-silo certs" writes a private CA and a node certificate for Silo:Tls: nothing else starts either.
if (args is ["certs", .. var certs]) return CertsCommand.Run(certs, Console.Out, Console.Error);

// First, before the runtime and Orleans start their threads: glibc fixes its arena limit when a
// process's threads first outnumber its arenas, and jobs train on threads of their own.
TensorMemoryRetention.Apply();

// A GradRetentionNet silo: Orleans (grains, training slots) plus health endpoints and the sweep HTTP API.
// "grn-silo migrate" applies the PostgreSQL schema with the same configuration, then exits.
var migrate = args is ["migrate", ..];
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = migrate ? args[1..] : args, EnvironmentName = Environments.Production });
builder.Configuration.AddEnvironmentVariables("GRN_");
if (migrate) return await MigrateCommand.RunAsync(builder.Configuration, Console.Out, Console.Error);
try
{
    builder.AddGradRetentionNetSilo();
    var app = builder.Build();
    app.MapGradRetentionNetSilo();
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (SiloConfigurationException.Within(e) is { } configuration)
{
    // The operator's to fix: one line naming the setting, not an unhandled exception's stack trace.
    Console.Error.WriteLine($"error: {configuration.Message}");
    return 2;
}
catch (Exception e) when (PortInUse.Explain(e, builder.Configuration) is { } taken)
{
    Console.Error.WriteLine($"error: {taken}");
    return 2;
}

/// <summary>The entry point, visible to tests that start the real host.</summary>
public partial class Program;
