using GradRetentionNet.Silo;

// A GradRetentionNet silo: Orleans (grains, training slots) plus health endpoints and the sweep HTTP API.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, EnvironmentName = Environments.Production });
builder.Configuration.AddEnvironmentVariables("GRN_");
builder.AddGradRetentionNetSilo();
var app = builder.Build();
app.MapGradRetentionNetSilo();
app.Run();

/// <summary>The entry point, visible to tests that start the real host.</summary>
public partial class Program;
