namespace GradRetentionNet.Data;

/// <summary>What a loaded dataset is, in words and numbers that go into results.</summary>
/// <param name="Name">The honest name (e.g. <c>fashion-mnist</c>, <c>mnist-digits-10k</c>): never a stand-in called by the real dataset's name.</param>
/// <param name="Family">The family the original project names (mnist, cifar10, imdb, ag_news, voc).</param>
/// <param name="Task">What the model must do.</param>
/// <param name="Classes">Number of classes (segmentation: without void).</param>
/// <param name="Source">Where the data came from (a file path, a package, a URL, or "generated").</param>
public sealed record DatasetInfo(string Name, string Family, TaskKind Task, int Classes, string Source);
