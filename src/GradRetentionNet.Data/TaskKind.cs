namespace GradRetentionNet.Data;

/// <summary>What a dataset asks a model to do; it decides the model family and the metrics.</summary>
public enum TaskKind
{
    /// <summary>Images to one of N classes (accuracy).</summary>
    ImageClassification,

    /// <summary>Texts to one of N classes (accuracy).</summary>
    TextClassification,

    /// <summary>A class per pixel, 255 = void and ignored (mIoU, pixel accuracy).</summary>
    Segmentation,
}
