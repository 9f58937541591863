using System.Globalization;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Data;
using GradRetentionNet.Training.Jobs;
using GradRetentionNet.Training.Optimizers.Catalog;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using static GradRetentionNet.Sweeps.Spec.SpecNodes;

namespace GradRetentionNet.Sweeps.Spec;

/// <summary>
/// Reads a sweep spec from YAML and checks everything that can be checked before anything is
/// submitted: unknown keys, names of datasets, models and optimizers, empty lists, non-positive
/// numbers, model/dataset pairs, grid values, search spaces. Each error names the field and what
/// is allowed. Optimizers come as a list sharing one <c>grid:</c>, or as a map of each optimizer's
/// own search space (see docs/study-protocol.md).
/// </summary>
public static class SweepSpecParser
{
    static readonly string[] TopKeys =
        ["name", "datasets", "models", "optimizers", "seeds", "epochs", "batch_size", "grid", "limits", "metric", "resources", "max_failed_trials", "max_attempts",
         "search", "validation", "early_stop", "explain", "protocol"];
    static readonly string[] LimitKeys = ["max_train_samples", "max_test_samples"];
    static readonly string[] MetricKeys = ["name", "goal", "target"];
    static readonly string[] ResourceKeys = ["device", "trials_per_gpu"];
    static readonly string[] ExplainKeys = ["gradcam_samples"];

    /// <summary>Grad-CAM maps a job may draw: each is a forward and backward pass and a PNG.</summary>
    public const int MaxGradCamSamples = 64;

    public static SweepSpec ParseFile(string path) => Parse(ReadText(path), path);

    /// <summary>The spec file's text; a path that is missing or a folder is a one-line error naming it.</summary>
    public static string ReadText(string path) =>
        File.Exists(path) ? File.ReadAllText(path)
        : Directory.Exists(path) ? throw new FileNotFoundException($"sweep spec {path} is a folder: give the YAML file of the spec", path)
        : throw new FileNotFoundException($"sweep spec {path} does not exist", path);

    /// <param name="yaml">The spec's text.</param>
    /// <param name="source">Where it came from, for messages (a path).</param>
    public static SweepSpec Parse(string yaml, string source)
    {
        var root = Root(yaml, source);
        Keys(root, TopKeys, "", source);
        var reader = new SpecReader(source);

        var name = reader.Text(Required(root, "name", source), "name");
        if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"))
            throw new SweepSpecException(source, "name", $"'{name}' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");

        var datasets = reader.Names(Required(root, "datasets", source), "datasets", DatasetCatalog.Names);
        var models = Optional(root, "models") is { } modelNode ? reader.Names(modelNode, "models", ModelCatalog.Names) : null;
        var optimizersNode = Required(root, "optimizers", source);
        var (optimizers, spaces) = optimizersNode is YamlMappingNode spaceMap
            ? new OptimizerSpacesReader(reader, source).Read(spaceMap)
            : (reader.Names(optimizersNode, "optimizers", OptimizerCatalog.Names), null);
        if (spaces is not null && Optional(root, "grid") is not null)
            throw new SweepSpecException(source, "grid", "optimizers is a map of search spaces: put the values in each optimizer's space, e.g. optimizers: {sgd: {lr: [0.1, 0.01]}}");
        var protocolNode = Optional(root, "protocol");
        if (protocolNode is not null && Optional(root, "seeds") is not null)
            throw new SweepSpecException(source, "seeds", "a study takes its seeds from protocol.tune_seeds and protocol.evaluate_seeds: remove seeds");
        // A study's sweep is its tuning phase: its seeds are the tuning seeds (read with protocol: below).
        var seeds = protocolNode is null ? StudyKeysReader.Seeds(reader, Required(root, "seeds", source), "seeds", source) : [];

        var spec = new SweepSpec
        {
            Name = name,
            Datasets = datasets,
            Models = models,
            Optimizers = optimizers,
            Seeds = seeds,
            Epochs = Optional(root, "epochs") is { } epochs ? (int)reader.Long(epochs, "epochs", minimum: 1, maximum: 10_000) : 2,
            BatchSize = Optional(root, "batch_size") is { } batch ? (int)reader.Long(batch, "batch_size", minimum: 1, maximum: 1 << 20) : 64,
            Grid = Optional(root, "grid") is { } grid ? ReadGrid(grid, reader, source) : new Dictionary<string, IReadOnlyList<string>>(),
            MaxFailedTrials = Optional(root, "max_failed_trials") is { } failed ? (int)reader.Long(failed, "max_failed_trials", minimum: 1, maximum: int.MaxValue) : 10,
            MaxAttempts = Optional(root, "max_attempts") is { } attempts ? (int)reader.Long(attempts, "max_attempts", minimum: 1, maximum: 100) : 3,
            Spaces = spaces,
        };

        var study = new StudyKeysReader(reader, source);
        if (Optional(root, "search") is { } searchNode) spec = spec with { Search = study.Search(searchNode, spaces is not null) };
        if (Optional(root, "validation") is { } validationNode) spec = spec with { Validation = study.Validation(validationNode) };
        if (Optional(root, "early_stop") is { } earlyStopNode) spec = spec with { EarlyStop = study.EarlyStop(earlyStopNode, spec.Validation, spec.Epochs) };
        // Choosing and ranking use the validation split whenever there is one (test is reported, never used to choose).
        if (spec.Validation is not null) spec = spec with { Metric = new MetricSpec("validation_metric") };

        if (Optional(root, "explain") is { } explainNode)
        {
            var explain = reader.Mapping(explainNode, "explain");
            Keys(explain, ExplainKeys, "explain.", source);
            spec = spec with
            {
                GradCamSamples = Optional(explain, "gradcam_samples") is { } samples
                    ? (int)reader.Long(samples, "explain.gradcam_samples", minimum: 0, maximum: MaxGradCamSamples)
                    : 4,
            };
        }
        if (Optional(root, "limits") is { } limitsNode)
        {
            var limits = reader.Mapping(limitsNode, "limits");
            Keys(limits, LimitKeys, "limits.", source);
            spec = spec with
            {
                MaxTrainSamples = Optional(limits, "max_train_samples") is { } train ? reader.Long(train, "limits.max_train_samples", minimum: 1) : null,
                MaxTestSamples = Optional(limits, "max_test_samples") is { } test ? reader.Long(test, "limits.max_test_samples", minimum: 1) : null,
            };
        }
        if (Optional(root, "metric") is { } metricNode)
        {
            var metric = reader.Mapping(metricNode, "metric");
            Keys(metric, MetricKeys, "metric.", source);
            var metricName = Optional(metric, "name") is { } nameNode ? reader.Choice(nameNode, "metric.name", MetricSpec.Names) : spec.Metric.Name;
            if (metricName.StartsWith("validation_", StringComparison.Ordinal) && spec.Validation is null)
                throw new SweepSpecException(source, "metric.name", $"{metricName} is measured on the validation split, and the spec has none: {StudyKeysReader.AddValidation}");
            spec = spec with
            {
                Metric = new MetricSpec(
                    metricName,
                    // A loss is better lower: a spec that names one without a goal means that.
                    Optional(metric, "goal") is { } goal ? reader.Choice(goal, "metric.goal", MetricSpec.Goals) : metricName.EndsWith("_loss", StringComparison.Ordinal) ? "min" : "max",
                    Optional(metric, "target") is { } target ? reader.Double(target, "metric.target") : null),
            };
        }
        if (Optional(root, "resources") is { } resourcesNode)
        {
            var resources = reader.Mapping(resourcesNode, "resources");
            Keys(resources, ResourceKeys, "resources.", source);
            var device = Optional(resources, "device") is { } deviceNode ? reader.Text(deviceNode, "resources.device") : "auto";
            try
            {
                DeviceSelector.Parse(device);
            }
            catch (ArgumentException e)
            {
                throw new SweepSpecException(source, "resources.device", e.Message);
            }
            spec = spec with
            {
                Device = device,
                TrialsPerGpu = Optional(resources, "trials_per_gpu") is { } trials ? (int)reader.Long(trials, "resources.trials_per_gpu", minimum: 1, maximum: 64) : 1,
            };
        }

        if (protocolNode is not null)
        {
            var protocol = study.Protocol(protocolNode, spec);
            spec = spec with { Protocol = protocol, Seeds = protocol.TuneSeeds };
        }

        CheckModelsSuitDatasets(spec, source);
        CheckGridAgainstOptimizers(spec, source);
        CheckSpacesSuitSearch(spec, source);
        return spec;
    }

    static IReadOnlyDictionary<string, IReadOnlyList<string>> ReadGrid(YamlNode node, SpecReader reader, string source)
    {
        var grid = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, value) in reader.Mapping(node, "grid").Children)
        {
            var name = reader.Text(key, "grid");
            var values = reader.List(value, $"grid.{name}").Select((v, i) => reader.Text(v, $"grid.{name}[{i}]")).ToList();
            if (values.Distinct(StringComparer.Ordinal).Count() != values.Count)
                throw new SweepSpecException(source, $"grid.{name}", "lists a value twice");
            grid[name] = values;
        }
        return grid;
    }

    static void CheckModelsSuitDatasets(SweepSpec spec, string source)
    {
        foreach (var dataset in spec.Datasets)
        {
            var task = DatasetCatalog.Find(dataset).Task;
            foreach (var model in spec.Models ?? [])
            {
                try
                {
                    ModelCatalog.Validate(model, task);
                }
                catch (ArgumentException e)
                {
                    throw new SweepSpecException(source, "models", $"'{model}' cannot train dataset '{dataset}' ({e.Message})");
                }
            }
            if (spec.Models is null)
            {
                try
                {
                    ModelCatalog.DefaultFor(task);
                }
                catch (ArgumentException e)
                {
                    throw new SweepSpecException(source, "datasets", $"'{dataset}': {e.Message}");
                }
            }
        }
    }

    // Every grid value must be valid for every optimizer of the sweep: checked now, not when a
    // job fails hours later.
    static void CheckGridAgainstOptimizers(SweepSpec spec, string source)
    {
        foreach (var optimizer in spec.Optimizers)
        {
            var recipe = OptimizerCatalog.Find(optimizer);
            foreach (var (name, values) in spec.Grid)
            {
                if (recipe.HyperParameters.All(h => h.Name != name))
                    throw new SweepSpecException(source, $"grid.{name}",
                        $"is not a hyperparameter of optimizer '{optimizer}', which takes {string.Join(", ", recipe.HyperParameters.Select(h => h.Name))}");
                foreach (var value in values)
                {
                    try
                    {
                        recipe.Resolve(new Dictionary<string, string> { [name] = value });
                    }
                    catch (ArgumentException e)
                    {
                        throw new SweepSpecException(source, $"grid.{name}", e.Message);
                    }
                }
            }
        }
    }

    // A grid runs every combination of listed values; a range has no list to combine.
    static void CheckSpacesSuitSearch(SweepSpec spec, string source)
    {
        if (spec.Search.Method != SearchMethod.Grid) return;
        foreach (var (optimizer, space) in spec.Spaces ?? new Dictionary<string, IReadOnlyDictionary<string, ParameterSpace>>())
        {
            foreach (var (name, parameter) in space)
            {
                if (parameter.Kind == SpaceKind.Choice) continue;
                var key = ParameterSpace.RangeKeys.First(k => k.Value == parameter.Kind).Key;
                throw new SweepSpecException(source, $"optimizers.{optimizer}.{name}",
                    $"is a {key} range, and a grid search takes lists only: use search: {{method: random}} or quasi-random with trials, or list the values");
            }
        }
    }

    static YamlMappingNode Root(string yaml, string source)
    {
        var stream = new YamlStream();
        var events = new SpecYamlEvents(new StringReader(yaml), source);
        try
        {
            stream.Load(events);
        }
        catch (YamlException e)
        {
            throw new SweepSpecException(source, $"line {e.Start.Line}, column {e.Start.Column}", $"not valid YAML: {e.Message}");
        }
        catch (Exception e) when (e is not SweepSpecException)
        {
            // YamlDotNet throws other types on some broken text too (its scanner an
            // InvalidOperationException on an unclosed { inside [ ]): unreadable all the same.
            throw new SweepSpecException(source, $"line {events.Position.Line}, column {events.Position.Column}", $"not valid YAML past this point ({e.Message})");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new SweepSpecException(source, "(top level)", "must be a mapping with keys " + string.Join(", ", TopKeys));
        return root;
    }
}
