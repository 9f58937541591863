namespace GradRetentionNet.Cli.Tests;

/// <summary>--out that cannot take results is refused up front, by each verb that writes them.</summary>
public sealed class OutputFolderTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("grn-out-").FullName;

    string[] Arguments(string verb, string output)
    {
        switch (verb)
        {
            case "run":
                var spec = Path.Combine(folder, "sweep.yaml");
                File.WriteAllText(spec, "name: s\ndatasets: [mnist-digits-10k]\noptimizers: [sgd]\nseeds: [1]\nepochs: 1\n");
                return ["run", spec, "--out", output];
            case "train":
                return ["train", "--dataset", "mnist-digits-10k", "--epochs", "1", "--out", output];
            default:
                // Port 9 (discard) on loopback refuses connections: the --out check must come first.
                return ["report", "some-sweep", "--out", output, "--server", "http://127.0.0.1:9", "--token", "t"];
        }
    }

    [Theory]
    [InlineData("run")]
    [InlineData("train")]
    [InlineData("report")]
    public void An_existing_file_is_refused_before_any_work(string verb)
    {
        var file = Path.Combine(folder, "results.txt");
        File.WriteAllText(file, "not a folder");

        var (exitCode, output, error) = GrnProcess.Run(Arguments(verb, file));

        exitCode.Should().Be(2, error + output);
        error.Should().Be($"error: invalid --out '{file}': it is a file; give a folder\n");
        output.Should().BeEmpty("nothing starts");
        File.ReadAllText(file).Should().Be("not a folder");
    }

    [Theory]
    [InlineData("run")]
    [InlineData("train")]
    [InlineData("report")]
    public void A_folder_under_a_file_is_refused_before_any_work(string verb)
    {
        var file = Path.Combine(folder, "results.txt");
        File.WriteAllText(file, "not a folder");
        var under = Path.Combine(file, "runs", "today");

        var (exitCode, output, error) = GrnProcess.Run(Arguments(verb, under));

        exitCode.Should().Be(2, error + output);
        error.Should().Be($"error: invalid --out '{under}': {file} is a file, so no folder can be made under it\n");
        output.Should().BeEmpty("nothing starts");
    }

    [Theory]
    [InlineData("run")]
    [InlineData("train")]
    [InlineData("report")]
    public void A_folder_that_cannot_be_written_is_refused_before_any_work(string verb)
    {
        // The tests run as root, whom permissions do not stop; /proc takes no new files from anyone.
        var (exitCode, output, error) = GrnProcess.Run(Arguments(verb, "/proc/grn-results"));

        exitCode.Should().Be(2, error + output);
        error.Should().StartWith("error: invalid --out '/proc/grn-results': cannot write in /proc: ").And.EndWith("\n");
        error.TrimEnd('\n').Should().NotContain("\n");
        output.Should().BeEmpty("nothing starts");
    }

    [Fact]
    public void A_folder_still_to_be_made_is_accepted_and_not_made_by_the_check()
    {
        var nested = Path.Combine(folder, "runs", "today");

        GradRetentionNet.Cli.OutputFolder.Check(nested).Should().Be(nested);

        Directory.Exists(Path.Combine(folder, "runs")).Should().BeFalse();
        Directory.EnumerateFileSystemEntries(folder).Should().BeEmpty("the probe file is gone");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
