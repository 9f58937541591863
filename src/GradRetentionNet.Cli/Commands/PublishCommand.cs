using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Reporting.Markdown;
using GradRetentionNet.Sweeps.Spec;
using GradRetentionNet.Sweeps.Study;
using Spectre.Console;

namespace GradRetentionNet.Cli.Commands;

/// <summary>
/// <c>grn publish &lt;study-spec&gt; [--original SWEEP_SPEC] [--runs DIR] --out docs/results.md</c>:
/// the study's results page, generated offline from its spec and its job folders under
/// DIR/&lt;name&gt;/ (no cluster needed), with its PNGs in a folder beside it; with --original, also
/// the ordinary sweep that reproduces the original project's setting beside its published numbers.
/// Every input is checked before anything is written, and the page and its images replace the
/// previous ones only once they are complete.
/// </summary>
public sealed class PublishCommand : BaseCommand
{
    static readonly Argument<string> Spec = new("spec") { Description = "the study's spec (YAML with protocol:), e.g. examples/study-full.yaml" };
    static readonly Option<string?> Original = new("--original") { Description = "an ordinary sweep's spec that reproduces the original project's setting, set beside its published numbers" };
    static readonly Option<string> Runs = new("--runs") { Description = "the folder the sweeps ran under (grn run --out)", DefaultValueFactory = _ => "runs" };
    static readonly Option<string?> DataRoot = new("--data-root") { Description = "folder of downloaded datasets (as given to grn run), to count each test split's classes" };
    static readonly Option<string> Out = new("--out") { Description = "the Markdown page to write; its PNGs go into the folder of the same name beside it", DefaultValueFactory = _ => "docs/results.md" };

    public PublishCommand() : base("publish", "Write a study's results page (Markdown with PNGs) from its spec and job folders, offline.")
    {
        Arguments.Add(Spec);
        foreach (var option in new Option[] { Original, Runs, DataRoot, Out }) Options.Add(option);
    }

    protected override Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellation)
    {
        var specPath = parse.GetValue(Spec)!;
        var originalPath = parse.GetValue(Original);
        var runs = parse.GetValue(Runs)!;
        var outPath = parse.GetValue(Out)!;
        if (!outPath.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"invalid --out '{outPath}': give the Markdown page's path, ending in .md (its PNGs go beside it)");
        if (Directory.Exists(outPath)) throw new ArgumentException($"invalid --out '{outPath}': it is a folder; give the Markdown page's path");
        OutputFolder.Check(Path.GetDirectoryName(Path.GetFullPath(outPath))!, "--out folder");

        var (spec, specFile) = ReadSpec(specPath);
        if (spec.Protocol is null)
            throw new ArgumentException($"{specPath}: sweep '{spec.Name}' is not a study (its spec has no protocol:): give a study's spec, and an ordinary sweep with --original");
        var (original, originalFile) = originalPath is null ? (null, null) : ReadSpec(originalPath);
        if (original?.Protocol is not null)
            throw new ArgumentException($"invalid --original {originalPath}: sweep '{original.Name}' is a study; give the ordinary sweep that runs the original's setting");

        var studyRuns = RunFolders.Read(spec, runs, specPath);
        var originalRuns = original is null ? null : RunFolders.Read(original, runs, originalPath!);
        var study = StudyAnalysis.Analyze(spec, studyRuns.Results, studyRuns.FolderOf);
        var data = new ResultsPageData(
            new PageProvenance(specFile, originalFile, CommandLine(specPath, originalPath, parse.GetResult(Runs)?.Implicit == false ? runs : null, outPath),
                DateTimeOffset.UtcNow, HostMachine.Describe()),
            RunFacts.Of(studyRuns.Results, spec.Datasets),
            study,
            original is null ? null : OriginalReproduction.Of(original, originalRuns!.Results),
            MajorityClasses.Of(studyRuns.Results, parse.GetValue(DataRoot)));

        var page = ResultsPage.Write(outPath, data);
        AnsiConsole.MarkupLineInterpolated($"results page: {page} ({studyRuns.Results.Count} jobs of {spec.Name}{(originalRuns is null ? "" : $", {originalRuns.Results.Count} of {original!.Name}")})");
        var ignored = studyRuns.Ignored + (originalRuns?.Ignored ?? 0);
        if (ignored > 0) AnsiConsole.MarkupLineInterpolated($"note: {ignored} result(s) under {runs} belong to another version of the spec(s) and were left out");
        return Task.FromResult(ExitCodes.Success);
    }

    static (SweepSpec Spec, SpecFile File) ReadSpec(string path)
    {
        var spec = SweepSpecParser.ParseFile(path);
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        return (spec, new SpecFile(path, spec.Name, sha));
    }

    /// <summary>The command as given, to paste again: --runs only when it was given.</summary>
    static string CommandLine(string spec, string? original, string? runs, string outPath)
    {
        var line = new StringBuilder($"grn publish {spec}");
        if (original is not null) line.Append($" --original {original}");
        if (runs is not null) line.Append($" --runs {runs}");
        return line.Append($" --out {outPath}").ToString();
    }
}
