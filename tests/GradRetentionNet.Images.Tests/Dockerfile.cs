using System.Text.RegularExpressions;
using GradRetentionNet.Testing;

namespace GradRetentionNet.Images.Tests;

/// <summary>One instruction of a Dockerfile: its keyword (upper case), its arguments with continuations joined, its first line.</summary>
public sealed record Instruction(string Keyword, string Arguments, int Line)
{
    /// <summary>The --flag=value options at the start of the arguments (COPY --from=build, HEALTHCHECK --interval=30s).</summary>
    public IReadOnlyDictionary<string, string> Flags =>
        Regex.Matches(Arguments, @"(?:^|\s)--([a-z-]+)=(\S+)").ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    /// <summary>The arguments after the leading --flags.</summary>
    public string Rest => Regex.Replace(Arguments, @"^(--[a-z-]+=\S+\s+)*", "");

    /// <summary>The words of <see cref="Rest"/>: a JSON array's strings, or whitespace-separated words.</summary>
    public IReadOnlyList<string> Words =>
        Rest.TrimStart().StartsWith('[')
            ? System.Text.Json.JsonSerializer.Deserialize<string[]>(Rest)!
            : Rest.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A build stage: FROM's image (ARGs not expanded), its name (AS ...), its instructions after FROM.</summary>
public sealed record Stage(string Image, string? Name, IReadOnlyList<Instruction> Instructions)
{
    public IEnumerable<Instruction> Of(string keyword) => Instructions.Where(i => i.Keyword == keyword);

    /// <summary>The stage's ENV settings, last one wins (both ENV forms: KEY=VALUE ... and KEY VALUE).</summary>
    public IReadOnlyDictionary<string, string> Environment
    {
        get
        {
            var settings = new Dictionary<string, string>();
            foreach (var env in Of("ENV"))
            {
                var pairs = Regex.Matches(env.Arguments, @"([A-Za-z_][A-Za-z0-9_]*)=(""[^""]*""|\S+)");
                if (pairs.Count == 0)
                {
                    var parts = env.Arguments.Split(' ', 2);
                    settings[parts[0]] = parts[1].Trim();
                }
                foreach (Match pair in pairs) settings[pair.Groups[1].Value] = pair.Groups[2].Value.Trim('"');
            }
            return settings;
        }
    }
}

/// <summary>
/// A Dockerfile of deploy/docker, read the way the builder reads it: comments dropped, lines
/// ending in a backslash joined, instructions grouped into stages, the ARGs before the first FROM
/// (the base images) kept with their defaults.
/// </summary>
public sealed class Dockerfile
{
    public const string Folder = "deploy/docker";

    public static readonly string[] Names = ["silo", "silo-cuda", "cli"];

    public static readonly string[] SiloNames = ["silo", "silo-cuda"];

    Dockerfile(string name, IReadOnlyDictionary<string, string> baseArguments, IReadOnlyList<Stage> stages)
    {
        Name = name;
        BaseArguments = baseArguments;
        Stages = stages;
    }

    public string Name { get; }

    /// <summary>Relative to the repository root.</summary>
    public string RelativePath => $"{Folder}/{Name}.Dockerfile";

    public string IgnoreFile => RelativePath + ".dockerignore";

    /// <summary>ARG NAME=default before the first FROM: what FROM ${NAME} pulls unless --build-arg says otherwise.</summary>
    public IReadOnlyDictionary<string, string> BaseArguments { get; }

    public IReadOnlyList<Stage> Stages { get; }

    /// <summary>The stage that becomes the image.</summary>
    public Stage Final => Stages[^1];

    public Stage Stage(string name) => Stages.Single(s => s.Name == name);

    /// <summary>A stage's base with ${ARG} replaced by its default.</summary>
    public string BaseImage(Stage stage) =>
        Regex.Replace(stage.Image, @"\$\{?([A-Za-z_]+)\}?", m => BaseArguments.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    public static Dockerfile Read(string name)
    {
        var lines = Repository.Read($"{Folder}/{name}.Dockerfile").Split('\n');
        var instructions = new List<Instruction>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var first = i + 1;
            var text = line;
            while (text.EndsWith('\\') && i + 1 < lines.Length)
            {
                text = text[..^1];
                var next = lines[++i].Trim();
                if (!next.StartsWith('#')) text += " " + next;
            }
            var parts = text.Split((char[])[' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries);
            instructions.Add(new Instruction(parts[0].ToUpperInvariant(), parts.Length > 1 ? Regex.Replace(parts[1], @"\s+", " ").Trim() : "", first));
        }

        var baseArguments = instructions.TakeWhile(i => i.Keyword != "FROM").Where(i => i.Keyword == "ARG")
            .Select(i => i.Arguments.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
        var stages = new List<Stage>();
        var from = instructions.FindIndex(i => i.Keyword == "FROM");
        while (from >= 0)
        {
            var next = instructions.FindIndex(from + 1, i => i.Keyword == "FROM");
            var words = instructions[from].Words;
            var body = instructions.Skip(from + 1).Take((next < 0 ? instructions.Count : next) - from - 1).ToList();
            stages.Add(new Stage(words[0], words.Count == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null, body));
            from = next;
        }
        return new Dockerfile(name, baseArguments, stages);
    }

    public override string ToString() => RelativePath;
}
