using System.Reflection;
using System.Text.RegularExpressions;

namespace GradRetentionNet.Persistence;

/// <summary>The migrations this build knows: the SQL files under Migrations/, embedded in this assembly.</summary>
public static partial class MigrationCatalog
{
    [GeneratedRegex(@"^Migrations/(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex ResourceName();

    /// <summary>Every embedded migration, ordered by version.</summary>
    public static IReadOnlyList<Migration> Embedded { get; } = Load(typeof(MigrationCatalog).Assembly);

    internal static IReadOnlyList<Migration> Load(Assembly assembly)
    {
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ResourceName().Match(resource);
            if (!match.Success)
                throw new InvalidOperationException($"embedded resource '{resource}' is not named like Migrations/0001_some_name.sql");
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            migrations.Add(new Migration(int.Parse(match.Groups["version"].Value), match.Groups["name"].Value, reader.ReadToEnd()));
        }
        return CheckOrder(migrations);
    }

    /// <summary>
    /// Orders migrations and checks that their versions run 1, 2, 3, ... without gaps or repeats:
    /// a gap would let two branches each add "their" version 3 without anyone noticing.
    /// </summary>
    public static IReadOnlyList<Migration> CheckOrder(IEnumerable<Migration> migrations)
    {
        var ordered = migrations.OrderBy(m => m.Version).ToList();
        for (var i = 0; i < ordered.Count; i++)
            if (ordered[i].Version != i + 1)
                throw new InvalidOperationException($"migration versions must run 1, 2, 3, ... without gaps or repeats: expected {i + 1}, found {ordered[i].Id}");
        return ordered;
    }
}
