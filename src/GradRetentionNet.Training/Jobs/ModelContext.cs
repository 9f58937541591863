using GradRetentionNet.Data;

namespace GradRetentionNet.Training.Jobs;

/// <summary>What a model needs to know about the data to be built.</summary>
/// <param name="Info">The dataset (task, classes).</param>
/// <param name="ExampleShape">Shape of one input: [C, H, W] for images, [L] for token ids.</param>
/// <param name="VocabularySize">Token ids are below it (text only).</param>
/// <param name="ModelDirectory">Pretrained files (model.safetensors), when the model loads weights.</param>
public sealed record ModelContext(DatasetInfo Info, long[] ExampleShape, int VocabularySize = 0, string? ModelDirectory = null);
