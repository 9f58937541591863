using GradRetentionNet.Data.Formats;
using GradRetentionNet.Data.Splits;

namespace GradRetentionNet.Data.Tests.Splits;

public sealed class SegmentationStrataTests
{
    [Fact]
    public void A_mask_is_stratified_by_the_object_class_covering_most_pixels_ignoring_background_and_void()
    {
        // 2x2 masks: mostly background with one cat (8) pixel; void with two cows (10) and one dog (12);
        // background only; a tie between a bird (3) and a cat (8), which goes to the lower class id.
        byte[] masks =
        [
            0, 0, 0, 8,
            255, 10, 10, 12,
            0, 0, 255, 0,
            3, 8, 0, 0,
        ];
        var examples = new SegmentationImages(new byte[4 * 3 * 2 * 2], masks, ["a", "b", "c", "d"], Size: 2);

        SegmentationStrata.DominantClasses(examples, classes: 21).Should().Equal(8, 10, 0, 3);
    }
}
