// The live test trains on the machine's cores; the tool runs are short but not free: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
