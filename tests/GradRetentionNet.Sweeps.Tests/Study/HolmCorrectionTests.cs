using GradRetentionNet.Sweeps.Study;

namespace GradRetentionNet.Sweeps.Tests.Study;

public class HolmCorrectionTests
{
    [Fact]
    public void Steps_down_and_keeps_the_adjusted_values_monotone()
    {
        // Sorted 0.01, 0.03, 0.04 times 3, 2, 1 → 0.03, 0.06, 0.04; the running maximum lifts the last to 0.06.
        HolmCorrection.Adjust([0.01, 0.04, 0.03]).Should().Equal([0.03, 0.06, 0.06], (actual, expected) => Math.Abs(actual!.Value - expected) < 1e-15);
    }

    [Fact]
    public void Caps_at_one_and_leaves_undefined_tests_out_of_m()
    {
        // m = 2: 0.5 · 2 = 1, 0.8 · 1 = 0.8 → raised to 1 by monotonicity.
        HolmCorrection.Adjust([0.5, null, 0.8]).Should().Equal(1.0, null, 1.0);
    }

    [Fact]
    public void A_single_test_is_unchanged() => HolmCorrection.Adjust([0.2]).Should().Equal(0.2);
}
