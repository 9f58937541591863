namespace GradRetentionNet.Data;

/// <summary>One dataset of the catalogue, described before anything is loaded.</summary>
/// <param name="Name">The name to load it by; an honest one (a stand-in never bears the real dataset's name).</param>
/// <param name="Family">The original project's dataset it stands for or is: mnist, cifar10, imdb, ag_news or voc.</param>
/// <param name="Task">What a model must do with it.</param>
/// <param name="Classes">Number of classes (segmentation: without void).</param>
/// <param name="InputShape">Shape of one input, [C, H, W] for images (segmentation: at the default size 224); empty for text, whose length the tokenizer decides.</param>
/// <param name="Description">What it is, where it comes from, its sizes.</param>
/// <param name="NeedsDownload">True for the real datasets that <c>grn data prepare</c> fetches; false for the offline ones.</param>
public sealed record DatasetEntry(
    string Name, string Family, TaskKind Task, int Classes, IReadOnlyList<int> InputShape, string Description, bool NeedsDownload);
