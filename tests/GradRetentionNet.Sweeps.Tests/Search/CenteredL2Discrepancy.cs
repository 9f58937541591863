namespace GradRetentionNet.Sweeps.Tests.Search;

/// <summary>
/// The centered L2 discrepancy of points in [0, 1]^d (Hickernell 1998, "A generalized discrepancy
/// and quadrature error bound", eq. 5.5c): how far the points' spread is from uniform, over all
/// boxes with a corner at a vertex of the cube. Lower is more even; it is invariant to
/// reflecting any coordinate, so it does not favour points bunched at 0 or at 1.
/// </summary>
internal static class CenteredL2Discrepancy
{
    public static double Of(IReadOnlyList<double[]> points)
    {
        var n = points.Count;
        var d = points[0].Length;
        var single = 0.0;
        foreach (var x in points)
        {
            var product = 1.0;
            for (var k = 0; k < d; k++)
            {
                var a = Math.Abs(x[k] - 0.5);
                product *= 1 + (0.5 * a) - (0.5 * a * a);
            }
            single += product;
        }
        var pairs = 0.0;
        foreach (var x in points)
        {
            foreach (var y in points)
            {
                var product = 1.0;
                for (var k = 0; k < d; k++)
                    product *= 1 + (0.5 * Math.Abs(x[k] - 0.5)) + (0.5 * Math.Abs(y[k] - 0.5)) - (0.5 * Math.Abs(x[k] - y[k]));
                pairs += product;
            }
        }
        var squared = Math.Pow(13.0 / 12.0, d) - (2.0 / n * single) + (pairs / ((double)n * n));
        return Math.Sqrt(Math.Max(squared, 0));
    }
}
