using System.Text.RegularExpressions;
using System.Xml.Linq;
using GradRetentionNet.Testing;

namespace GradRetentionNet.Images.Tests;

/// <summary>
/// What `docker build .` sends from the repository root under a .dockerignore: Docker's rules for the
/// patterns the deploy/docker ignore files use (*, **, exact paths, ! to let back in; a pattern that
/// matches a folder matches everything below it; the last matching pattern decides).
/// </summary>
public sealed class BuildContext
{
    readonly IReadOnlyList<(Regex Pattern, bool Include)> rules;

    public BuildContext(string ignoreFile)
    {
        IgnoreFile = ignoreFile;
        rules = Repository.Read(ignoreFile).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.StartsWith('!') ? (Glob(l[1..]), true) : (Glob(l), false)).ToList();
        LetBackIn = Repository.Read(ignoreFile).Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('!')).Select(l => l[1..].TrimEnd('/')).ToList();
    }

    public string IgnoreFile { get; }

    /// <summary>The paths after a `!`.</summary>
    public IReadOnlyList<string> LetBackIn { get; }

    /// <summary>Whether the file at <paramref name="path"/> (relative, with /) is in the context.</summary>
    public bool Holds(string path)
    {
        var included = true;
        var prefixes = Ancestors(path).ToList();
        foreach (var (pattern, include) in rules)
        {
            if (prefixes.Any(p => pattern.IsMatch(p))) included = include;
        }
        return included;
    }

    static IEnumerable<string> Ancestors(string path)
    {
        var parts = path.Split('/');
        for (var i = 1; i <= parts.Length; i++) yield return string.Join('/', parts[..i]);
    }

    static Regex Glob(string pattern)
    {
        pattern = pattern.Trim('/');
        if (pattern.Contains('[') || pattern.Contains('\\'))
            throw new NotSupportedException($"pattern '{pattern}': this reader knows *, ** and ?; extend BuildContext");
        var regex = Regex.Escape(pattern).Replace(@"\*\*/", "(?:.*/)?").Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*").Replace(@"\?", "[^/]");
        return new Regex($"^{regex}$");
    }
}

/// <summary>The MSBuild files `dotnet restore` of a project reads: its ProjectReferences' closure, their Imports, and the repository-wide ones.</summary>
public static class RestoreInputs
{
    static readonly string[] RepositoryWide = ["global.json", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props"];

    /// <summary>Paths relative to the root, with /.</summary>
    public static IReadOnlySet<string> Of(IEnumerable<string> projects)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(projects);
        foreach (var file in RepositoryWide) pending.Push(file);
        while (pending.TryPop(out var file))
        {
            if (!files.Add(file) || file.EndsWith(".json", StringComparison.Ordinal)) continue;
            var folder = Path.GetDirectoryName(file) ?? "";
            var document = XDocument.Load(Repository.Path(file));
            foreach (var element in document.Descendants().Where(e => e.Name.LocalName is "ProjectReference" or "Import"))
            {
                var reference = (string?)element.Attribute(element.Name.LocalName == "Import" ? "Project" : "Include");
                if (reference is null) continue;
                if (reference.Contains("$("))
                    throw new NotSupportedException($"{file}: {element.Name.LocalName} '{reference}' uses a property; RestoreInputs reads literal paths only");
                pending.Push(Normalize(Path.Combine(folder, reference)));
            }
        }
        return files;
    }

    static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            if (part == "..") parts.RemoveAt(parts.Count - 1);
            else if (part is not ("." or "")) parts.Add(part);
        }
        return string.Join('/', parts);
    }
}
