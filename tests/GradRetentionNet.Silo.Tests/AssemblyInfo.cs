// TorchSharp's default generator (used by module initialisation) is process-wide: tests that
// seed it must not interleave.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
