using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace GradRetentionNet.Silo.Tests;

public sealed class SiloLoggingTests
{
    [Theory]
    [InlineData("json", null, true)]
    [InlineData("JSON", "false", true)]
    [InlineData("console", "true", false)]
    [InlineData(null, "true", true)]
    [InlineData("", "TRUE", true)]
    [InlineData(null, null, false)]
    [InlineData(null, "false", false)]
    public void The_format_is_the_configured_one_else_json_in_a_container(string? configured, string? inContainer, bool json) =>
        SiloLogging.UseJson(configured, inContainer).Should().Be(json);

    [Fact]
    public void An_unknown_format_stops_the_silo_with_a_message_naming_the_choices() =>
        FluentActions.Invoking(() => SiloLogging.UseJson("xml", null)).Should().Throw<InvalidOperationException>()
            .WithMessage("Silo:LogFormat is 'xml': use json or console");

    static Logger Configure(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return SiloLogging.Configure(new LoggerConfiguration(), configuration.GetSection(SiloLogging.LevelSection), json: true).CreateLogger();
    }

    static bool Enabled(Logger logger, string category, LogEventLevel level) =>
        logger.ForContext(Constants.SourceContextPropertyName, category).IsEnabled(level);

    [Fact]
    public void Unconfigured_the_app_logs_information_and_orleans_polly_and_aspnetcore_only_warnings()
    {
        using var logger = Configure([]);
        Enabled(logger, "GradRetentionNet.Grains.JobRunner", LogEventLevel.Information).Should().BeTrue();
        Enabled(logger, "GradRetentionNet.Grains.JobRunner", LogEventLevel.Debug).Should().BeFalse();
        foreach (var quiet in new[] { "Orleans.Runtime.Silo", "Polly", "Microsoft.AspNetCore.Hosting.Diagnostics" })
        {
            Enabled(logger, quiet, LogEventLevel.Information).Should().BeFalse(quiet);
            Enabled(logger, quiet, LogEventLevel.Warning).Should().BeTrue(quiet);
        }
        Enabled(logger, "Microsoft.Hosting.Lifetime", LogEventLevel.Information).Should().BeTrue("only the three named families are quietened");
    }

    [Fact]
    public void Levels_come_from_serilog_minimum_level_default_and_overrides()
    {
        using var logger = Configure(new()
        {
            ["Serilog:MinimumLevel:Default"] = "Debug",
            ["Serilog:MinimumLevel:Override:Orleans"] = "Information",
            ["Serilog:MinimumLevel:Override:GradRetentionNet.Grains"] = "Error",
        });
        Enabled(logger, "GradRetentionNet.Silo.Api", LogEventLevel.Debug).Should().BeTrue();
        Enabled(logger, "GradRetentionNet.Grains.JobRunner", LogEventLevel.Warning).Should().BeFalse();
        Enabled(logger, "Orleans.Runtime.Silo", LogEventLevel.Information).Should().BeTrue();
        Enabled(logger, "Polly", LogEventLevel.Information).Should().BeFalse("an override of one family leaves the others quiet");
    }

    [Fact]
    public void A_minimum_level_given_as_one_value_is_the_default()
    {
        using var logger = Configure(new() { ["Serilog:MinimumLevel"] = "Warning" });
        Enabled(logger, "GradRetentionNet.Grains.JobRunner", LogEventLevel.Information).Should().BeFalse();
        Enabled(logger, "GradRetentionNet.Grains.JobRunner", LogEventLevel.Warning).Should().BeTrue();
    }

    [Fact]
    public void An_unknown_level_is_an_error_naming_the_key() =>
        FluentActions.Invoking(() => Configure(new() { ["Serilog:MinimumLevel:Override:Orleans"] = "Loud" }))
            .Should().Throw<InvalidOperationException>().WithMessage("Serilog:MinimumLevel:Override:Orleans is 'Loud'*");
}
