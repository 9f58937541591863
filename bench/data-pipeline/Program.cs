using System.Text.Json;
using GradRetentionNet.Bench.DataPipeline;

// Usage: grn-bench-data-pipeline [--rounds N] [--batches N] [--data-root DIR] [--json FILE] [--machine FILE] [DATASET ...]
var rounds = 5;
var batches = 30;
string? dataRoot = null, json = null, machine = null;
var names = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--rounds": rounds = int.Parse(args[++i]); break;
        case "--batches": batches = int.Parse(args[++i]); break;
        case "--data-root": dataRoot = args[++i]; break;
        case "--json": json = args[++i]; break;
        case "--machine": machine = args[++i]; break;
        default: names.Add(args[i]); break;
    }
}
var cases = names.Count == 0 ? PipelineCase.Defaults : PipelineCase.Defaults.Where(c => names.Contains(c.Dataset)).ToList();

Console.WriteLine($"{"dataset",-22}{"model",-22}{"batch",6}{"loader b/s",12}{"train steps/s",15}{"headroom",10}{"  (min-max)",16}{"loader % of step",18}");
var results = new List<PipelineFigures>();
foreach (var pipelineCase in cases)
{
    var figures = PipelineMeasurement.Run(pipelineCase, rounds, batches, dataRoot);
    results.Add(figures);
    Console.WriteLine($"{pipelineCase.Dataset,-22}{figures.Model,-22}{pipelineCase.BatchSize,6}{figures.LoaderMedian,12:F1}{figures.TrainMedian,15:F1}" +
                      $"{figures.HeadroomMedian,9:F1}x{$"  ({figures.HeadroomMin:F1}-{figures.HeadroomMax:F1})",16}{figures.LoaderShareOfStep * 100,17:F1}%");
}
Console.WriteLine($"medians of {rounds} rounds; each round {batches} loader-only batches, then {batches} training steps on the same batches (1 torch thread per core: {TorchSharp.torch.get_num_threads()})");

if (json is not null)
{
    var document = new
    {
        benchmark = "data-pipeline",
        machine = machine is null ? (JsonElement?)null : JsonDocument.Parse(File.ReadAllText(machine)).RootElement,
        torch_threads = TorchSharp.torch.get_num_threads(),
        rounds,
        batches_per_pass = batches,
        datasets = results.Select(r => new
        {
            dataset = r.Case.Dataset, model = r.Model, batch_size = r.Case.BatchSize, max_train_samples = r.Case.MaxTrainSamples,
            loader_batches_per_second = r.LoaderMedian, train_steps_per_second = r.TrainMedian,
            headroom = new { median = r.HeadroomMedian, min = r.HeadroomMin, max = r.HeadroomMax },
            loader_share_of_step = r.LoaderShareOfStep,
            rounds = r.Rounds.Select(x => new { loader_batches_per_second = x.LoaderBatchesPerSecond, train_steps_per_second = x.TrainStepsPerSecond }),
        }),
    };
    File.WriteAllText(json, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
    Console.WriteLine($"JSON: {json}");
}
