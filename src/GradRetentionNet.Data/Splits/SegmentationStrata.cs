using GradRetentionNet.Data.Formats;

namespace GradRetentionNet.Data.Splits;

/// <summary>
/// The stratum a segmentation example is carved by: a mask has no single label, so it is the
/// object class that covers most of its pixels (background 0 and void 255 do not count; ties go
/// to the lower class id), or 0 for a mask that shows background only. Stratifying by it keeps the
/// validation set's mix of main objects that of the training split.
/// </summary>
public static class SegmentationStrata
{
    /// <summary>The dominant object class of each mask of <paramref name="examples"/>.</summary>
    public static int[] DominantClasses(SegmentationImages examples, int classes)
    {
        var pixels = examples.Size * examples.Size;
        var strata = new int[examples.Count];
        var counts = new int[classes];
        for (var i = 0; i < examples.Count; i++)
        {
            Array.Clear(counts);
            foreach (var id in examples.Masks.AsSpan(i * pixels, pixels))
                if (id > 0 && id < classes) counts[id]++;
            // counts[0] stays 0, so the first object class present replaces background.
            var dominant = 0;
            for (var c = 1; c < classes; c++)
                if (counts[c] > counts[dominant]) dominant = c;
            strata[i] = dominant;
        }
        return strata;
    }
}
