using GradRetentionNet.Benchmarks.OptimizerCost;

// grn-benchmarks VERB [options]: one verb per benchmark (bench/README.md lists them).
const string Usage = "usage: grn-benchmarks optimizer-cost [options]   (grn-benchmarks optimizer-cost --help for the options)";

return args.FirstOrDefault() switch
{
    "optimizer-cost" => OptimizerCostBenchmark.Run(args[1..]),
    _ => Fail(Usage),
};

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    return 2;
}
