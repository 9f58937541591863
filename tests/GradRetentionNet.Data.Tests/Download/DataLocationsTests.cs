using GradRetentionNet.Data.Download;

namespace GradRetentionNet.Data.Tests.Download;

public sealed class DataLocationsTests
{
    [Fact]
    public void The_data_root_is_the_parameter_then_GRN_DATA_ROOT_then_the_home_cache()
    {
        WithVariable(DataLocations.DataRootVariable, "/srv/grn-data", () =>
        {
            DataLocations.ResolveDataRoot("/explicit/root").Should().Be("/explicit/root");
            DataLocations.ResolveDataRoot().Should().Be("/srv/grn-data");
        });
        WithVariable(DataLocations.DataRootVariable, null, () =>
            DataLocations.ResolveDataRoot().Should().Be(Path.Combine(Environment.GetEnvironmentVariable("HOME")!, ".cache", "gradretentionnet", "data")));
    }

    [Fact]
    public void The_mirror_is_the_parameter_then_GRN_DATA_MIRROR_then_none()
    {
        WithVariable(DataLocations.MirrorVariable, "https://mirror.example/grn/", () =>
        {
            DataLocations.ResolveMirror("http://other.example/").Should().Be(new Uri("http://other.example/"));
            DataLocations.ResolveMirror().Should().Be(new Uri("https://mirror.example/grn/"));
        });
        WithVariable(DataLocations.MirrorVariable, null, () => DataLocations.ResolveMirror().Should().BeNull());
    }

    [Fact]
    public void A_mirror_that_is_not_an_http_url_is_refused_naming_the_variable()
    {
        WithVariable(DataLocations.MirrorVariable, "ftp://mirror.example/", () =>
            FluentActions.Invoking(() => DataLocations.ResolveMirror()).Should().Throw<ArgumentException>()
                .WithMessage("invalid GRN_DATA_MIRROR = 'ftp://mirror.example/': must be an absolute http or https URL"));
    }

    private static void WithVariable(string name, string? value, Action action)
    {
        var before = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
        try
        {
            action();
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, before);
        }
    }
}
