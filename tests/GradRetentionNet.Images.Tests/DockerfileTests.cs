using System.Text.RegularExpressions;
using System.Xml.Linq;
using GradRetentionNet.Testing;

namespace GradRetentionNet.Images.Tests;

/// <summary>deploy/docker/*.Dockerfile read statically: what each image is, runs as, serves, and how its layers are ordered.</summary>
public sealed class DockerfileTests
{
    public static TheoryData<string> All => [.. Dockerfile.Names];

    public static TheoryData<string> Silos => [.. Dockerfile.SiloNames];

    /// <summary>
    /// The CUDA version of the libtorch each TorchSharp-cuda-linux version depends on (its NuGet
    /// dependency libtorch-cuda-X.Y-linux-x64). A new TorchSharp needs its entry, and the CUDA base to match.
    /// </summary>
    static readonly Dictionary<string, string> CudaOfTorchSharp = new() { ["0.107.0"] = "12.8" };

    static IEnumerable<Instruction> Runs(Stage stage, string command) =>
        stage.Of("RUN").Where(r => r.Arguments.Contains(command, StringComparison.Ordinal));

    static Stage PublishStage(Dockerfile file) => file.Stages.Single(s => Runs(s, "dotnet publish").Any());

    /// <summary>The project arguments of every `dotnet VERB PROJECT` in the stage's RUNs.</summary>
    static List<(string Project, string Command)> DotnetCommands(Stage stage, string verb) =>
        Runs(stage, $"dotnet {verb}").SelectMany(r => r.Arguments.Split("&&"))
            .Select(c => c.Trim()).Where(c => c.StartsWith($"dotnet {verb} ", StringComparison.Ordinal))
            .Select(c => (c.Split(' ')[2], c)).ToList();

    static string Option(string command, string pattern) => Regex.Match(command, pattern).Value;

    [Theory, MemberData(nameof(All))]
    public void Each_image_is_built_in_stages_and_its_last_stage_runs_as_the_non_root_user_app(string name)
    {
        var file = Dockerfile.Read(name);

        file.Stages.Should().HaveCountGreaterThanOrEqualTo(2, $"{file}: the SDK and the sources stay out of the image");
        file.BaseImage(file.Final).Should().NotContain("/sdk:", $"{file}: the image runs on a runtime base");
        file.Final.Of("USER").Should().NotBeEmpty($"{file} sets its user");
        file.Final.Of("USER").Last().Arguments.Should().Be("1654", "uid 1654 (app), numeric so that Kubernetes' runAsNonRoot can verify it");
        file.Final.Of("COPY").Where(c => c.Flags.ContainsKey("from")).Should().NotBeEmpty("the image takes the publish output from the build stage");
    }

    [Theory, MemberData(nameof(Silos))]
    public void A_silo_image_checks_its_health_with_grn_silo_and_exposes_the_api_silo_and_gateway_ports(string name)
    {
        var file = Dockerfile.Read(name);
        var final = file.Final;

        var healthcheck = final.Of("HEALTHCHECK").Should().ContainSingle($"{file} has one HEALTHCHECK").Subject;
        healthcheck.Rest.Should().StartWith("CMD [", "exec form: no shell needed");
        System.Text.Json.JsonSerializer.Deserialize<string[]>(healthcheck.Rest["CMD ".Length..]).Should().Equal("dotnet", "/app/grn-silo.dll", "health");
        healthcheck.Flags.Should().ContainKeys("interval", "timeout", "start-period", "retries");
        final.Of("EXPOSE").SelectMany(e => e.Words).Should().BeEquivalentTo(["8080", "11111", "30000"]);
        final.Of("ENTRYPOINT").Single().Words.Should().Equal("dotnet", "/app/grn-silo.dll");
        // grn-silo health's default URL asks 127.0.0.1:8080, where the image listens.
        final.Environment.Should().Contain("ASPNETCORE_URLS", "http://+:8080").And.Contain("MALLOC_ARENA_MAX", "2");
        final.Environment.Should().Contain("GRN_Silo__OutputRoot", "/runs").And.Contain("GRN_Silo__DataRoot", "/data");
        Runs(final, "mkdir").Single().Arguments.Should().Contain("chown 1654:1654 /runs /data", "the volumes' mount points belong to app");
    }

    [Fact]
    public void The_cli_image_runs_grn_and_has_no_healthcheck_since_it_serves_nothing()
    {
        var final = Dockerfile.Read("cli").Final;

        final.Of("ENTRYPOINT").Single().Words.Should().Equal("dotnet", "/app/grn.dll");
        final.Of("HEALTHCHECK").Should().BeEmpty();
        final.Environment.Should().Contain("MALLOC_ARENA_MAX", "2", "grn run trains jobs on threads of their own");
    }

    [Theory, MemberData(nameof(All))]
    public void Restore_runs_on_the_project_files_alone_before_the_sources_are_copied(string name)
    {
        var file = Dockerfile.Read(name);
        var build = PublishStage(file);
        var instructions = build.Instructions.ToList();

        var restore = instructions.FindIndex(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet restore"));
        var sources = instructions.FindIndex(i => i.Keyword == "COPY" && !i.Flags.ContainsKey("from"));
        restore.Should().BeGreaterThanOrEqualTo(0, $"{file} restores in the publish stage");
        sources.Should().BeGreaterThan(restore, $"{file}: a source change must not invalidate the restore layer");

        // Before the restore only the projects stage's output comes in, and that stage keeps project files only.
        var before = instructions.Take(restore).Where(i => i.Keyword is "COPY" or "ADD").ToList();
        before.Should().ContainSingle().Which.Flags.Should().ContainKey("from");
        var projects = file.Stage(before[0].Flags["from"]);
        var find = Runs(projects, "find").Should().ContainSingle().Subject.Arguments;
        find.Should().Contain("-type f").And.EndWith("-delete");
        var kept = Regex.Matches(find, @"! -name '?([^' ]+)'?").Select(m => m.Groups[1].Value).ToList();
        kept.Should().BeEquivalentTo(["*.csproj", "*.props", "*.targets", "global.json"], $"{file}: the projects stage keeps what restore reads");
    }

    [Theory, MemberData(nameof(All))]
    public void Every_file_restore_reads_reaches_the_restore_layer(string name)
    {
        var file = Dockerfile.Read(name);
        var restored = DotnetCommands(PublishStage(file), "restore").Select(c => c.Project).ToList();
        var context = new BuildContext(file.IgnoreFile);

        restored.Should().Contain("src/GradRetentionNet.Cli/GradRetentionNet.Cli.csproj");
        foreach (var input in RestoreInputs.Of(restored))
        {
            context.Holds(input).Should().BeTrue($"restore reads {input}, which {context.IgnoreFile} keeps out of the build context");
            Path.GetFileName(input).Should().Match(f => f.EndsWith(".csproj") || f.EndsWith(".props") || f.EndsWith(".targets") || f == "global.json",
                $"restore reads {input}, which the projects stage of {file} deletes");
        }
    }

    [Theory, MemberData(nameof(All))]
    public void Publish_uses_the_restore_as_it_was_made(string name)
    {
        var build = PublishStage(Dockerfile.Read(name));
        var restores = DotnetCommands(build, "restore");
        var publishes = DotnetCommands(build, "publish");

        publishes.Should().NotBeEmpty();
        foreach (var (project, command) in publishes)
        {
            command.Should().Contain("--no-restore").And.Contain("-c Release").And.Contain("--self-contained false");
            var restore = restores.Where(r => r.Project == project).Should().ContainSingle($"{project} is restored before it is published").Subject.Command;
            // Same runtime and Torch backend, or the publish would need packages the restore did not fetch.
            Option(command, @"-r \S+").Should().Be(Option(restore, @"-r \S+")).And.NotBeEmpty();
            Option(command, @"-p:TorchBackend=\S+").Should().Be(Option(restore, @"-p:TorchBackend=\S+"));
        }
    }

    [Theory, MemberData(nameof(All))]
    public void The_context_holds_every_path_the_ignore_file_lets_in_and_every_copy_source(string name)
    {
        var file = Dockerfile.Read(name);
        var context = new BuildContext(file.IgnoreFile);

        context.LetBackIn.Should().NotBeEmpty();
        context.LetBackIn.Should().OnlyContain(p => File.Exists(Repository.Path(p)) || Directory.Exists(Repository.Path(p)), $"{context.IgnoreFile} names only existing paths");
        context.Holds("src/GradRetentionNet.Silo/Program.cs").Should().BeTrue();
        context.Holds("src/GradRetentionNet.Silo/bin/Release/net10.0/grn-silo.dll").Should().BeFalse("build outputs never enter the image's build");
        context.Holds(".git/HEAD").Should().BeFalse();
        foreach (var copy in file.Stages.SelectMany(s => s.Of("COPY")).Where(c => !c.Flags.ContainsKey("from")))
        {
            foreach (var source in copy.Words.SkipLast(1))
                (File.Exists(Repository.Path(source)) || Directory.Exists(Repository.Path(source))).Should().BeTrue($"{file} line {copy.Line} copies {source}");
        }
        Repository.Read(file.IgnoreFile).Should().Be(Repository.Read("deploy/docker/silo.Dockerfile.dockerignore"), "the images share one build context");
    }

    [Theory, MemberData(nameof(All))]
    public void Every_stage_starts_from_an_earlier_stage_or_a_real_image_of_the_dotnet_version_the_solution_targets(string name)
    {
        var file = Dockerfile.Read(name);
        var targetFramework = XDocument.Load(Repository.Path("Directory.Build.props")).Descendants("TargetFramework").Single().Value;
        var dotnetVersion = targetFramework["net".Length..];

        for (var i = 0; i < file.Stages.Count; i++)
        {
            var stage = file.Stages[i];
            if (file.Stages.Take(i).Any(s => s.Name == stage.Image)) continue;
            stage.Image.Should().MatchRegex(@"^\$\{[A-Z_]+\}$", $"{file}: bases are ARGs, so deploy/images/check.sh can pass the ones it makes");
            var image = file.BaseImage(stage);
            image.Should().MatchRegex(@"^(mcr\.microsoft\.com/dotnet/(sdk|aspnet):|nvidia/cuda:)", $"{file}: the published FROM lines pull the real images");
            if (image.StartsWith("mcr.", StringComparison.Ordinal))
                image.Should().EndWith($":{dotnetVersion}-noble", $"the solution targets {targetFramework}; Ubuntu 24.04 has the GLIBCXX TorchSharp needs");
        }
    }

    [Fact]
    public void The_cuda_image_runs_on_the_cuda_of_torchsharps_libtorch_with_the_driver_capabilities_set()
    {
        var file = Dockerfile.Read("silo-cuda");
        var torchSharpCuda = XDocument.Load(Repository.Path("Directory.Packages.props")).Descendants("PackageVersion")
            .Single(p => (string?)p.Attribute("Include") == "TorchSharp-cuda-linux").Attribute("Version")!.Value;

        CudaOfTorchSharp.Should().ContainKey(torchSharpCuda, "look up the libtorch-cuda-X.Y-linux-x64 package TorchSharp-cuda-linux depends on");
        file.BaseImage(file.Final).Should().MatchRegex($@"^nvidia/cuda:{Regex.Escape(CudaOfTorchSharp[torchSharpCuda])}\.\d+-(cudnn-)?runtime-ubuntu24\.04$");
        file.Final.Environment.Should().Contain("NVIDIA_DRIVER_CAPABILITIES", "compute,utility").And.Contain("NVIDIA_VISIBLE_DEVICES", "all");
        file.Final.Environment.Should().Contain("DOTNET_ROOT", "/usr/share/dotnet");
        Runs(file.Final, "useradd").Single().Arguments.Should().Contain("--uid 1654 --gid 1654", "the same app user as Microsoft's images");
        DotnetCommands(PublishStage(file), "restore").Concat(DotnetCommands(PublishStage(file), "publish"))
            .Should().OnlyContain(c => c.Command.Contains("-p:TorchBackend=cuda"));
        foreach (var cpu in new[] { "silo", "cli" })
            Dockerfile.Read(cpu).Stages.SelectMany(s => s.Of("RUN")).Should().NotContain(r => r.Arguments.Contains("TorchBackend"), "the CPU backend is the default");
    }

    [Fact]
    public void The_old_deploy_Dockerfile_is_gone_and_deploy_no_longer_names_it()
    {
        File.Exists(Repository.Path("deploy/Dockerfile")).Should().BeFalse();
        Directory.EnumerateFiles(Repository.Path("deploy"), "*", SearchOption.AllDirectories)
            .Where(f => Regex.IsMatch(File.ReadAllText(f), @"deploy/Dockerfile(?![\w-])"))
            .Should().BeEmpty();
    }
}
