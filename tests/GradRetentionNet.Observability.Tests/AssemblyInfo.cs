// The scrape tests export every meter named "GradRetentionNet" in the process: one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
