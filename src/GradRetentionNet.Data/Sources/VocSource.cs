using GradRetentionNet.Data.Formats;
using GradRetentionNet.Data.Splits;

namespace GradRetentionNet.Data.Sources;

/// <summary>
/// A Pascal VOC layout folder (<c>JPEGImages</c>, <c>SegmentationClass</c>,
/// <c>ImageSets/Segmentation/{train,val}.txt</c>): train from the train list, test from the val
/// list, resized to <see cref="DataOptions.ImageSize"/> (224 by default), ImageNet normalisation.
/// </summary>
internal sealed class VocSource(DatasetEntry entry, string folder, string origin) : IDatasetSource
{
    public DatasetEntry Entry { get; } = entry;

    public LoadedDataset Load(DataOptions options)
    {
        var root = DataFiles.Find(Entry, options, folder);
        DataFiles.Find(Entry, options, Path.Combine(folder, "ImageSets", "Segmentation", "train.txt"));
        DataFiles.Find(Entry, options, Path.Combine(folder, "ImageSets", "Segmentation", "val.txt"));
        var size = options.ImageSize ?? VocSegmentationReader.DefaultSize;
        var train = VocSegmentationReader.Read(root, "train", size, Entry.Classes);
        var test = VocSegmentationReader.Read(root, "val", size, Entry.Classes);
        return SplitFactory.Segmentation(Entry, $"{origin}: {root}", train, test, ImageNormalization.ImageNet, options);
    }
}
