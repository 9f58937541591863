using GradRetentionNet.Benchmarks.OptimizerCost;
using GradRetentionNet.Benchmarks.Step;

// grn-benchmarks VERB [options]: one verb per benchmark (bench/README.md lists them).
const string Usage = "usage: grn-benchmarks optimizer-cost|step [options]   (grn-benchmarks VERB --help for the options)";

return args.FirstOrDefault() switch
{
    "optimizer-cost" => OptimizerCostBenchmark.Run(args[1..]),
    // One process per run, so that bench/pytorch can interleave it with the PyTorch peer.
    "step" => StepCommand.Run(args[1..]),
    _ => Fail(Usage),
};

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    return 2;
}
