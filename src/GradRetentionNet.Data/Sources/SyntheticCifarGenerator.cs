using GradRetentionNet.Data.Formats;

namespace GradRetentionNet.Data.Sources;

/// <summary>
/// Draws synthetic, learnable 32×32 colour images in 10 classes, for a CIFAR-shaped workload
/// without CIFAR-10. Each image is a shape on a two-colour gradient background with Gaussian
/// pixel noise. The class decides the shape (disc, square, triangle, ring, horizontal stripes,
/// vertical stripes, plus, X, checkerboard, diamond) and the centre of the shape's hue (class × 36°,
/// jittered with σ = 20°, so colour alone is ambiguous between neighbouring classes); position,
/// size, saturation, brightness, background and noise are random. Not photographs: a model's
/// accuracy here says nothing about CIFAR-10.
/// </summary>
internal static class SyntheticCifarGenerator
{
    /// <summary>Bumped whenever the drawing changes, so stale generated files are replaced.</summary>
    public const int Version = 1;

    const int Side = CifarBinaryFormat.Side;
    const double NoiseStd = 18;
    const double HueJitterDegrees = 20;

    /// <summary>
    /// <paramref name="count"/> images, exactly balanced over the classes (in a shuffled order).
    /// Each image depends only on (<paramref name="seed"/>, its index), so images are drawn in
    /// parallel and the result is the same however many threads run.
    /// </summary>
    public static LabelledImages Generate(int count, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var labels = BalancedLabels(count, seed);
        var pixels = new byte[count * CifarBinaryFormat.ImageBytes];
        Parallel.For(0, count, i =>
        {
            var rng = new SplitMix64(seed * 0x100000001B3UL + (ulong)i + 1);
            Draw(labels[i], ref rng, pixels.AsSpan(i * CifarBinaryFormat.ImageBytes, CifarBinaryFormat.ImageBytes));
        });
        return new LabelledImages(pixels, labels, CifarBinaryFormat.Channels, Side, Side);
    }

    static byte[] BalancedLabels(int count, ulong seed)
    {
        var labels = Enumerable.Range(0, count).Select(i => (byte)(i % CifarBinaryFormat.Classes)).ToArray();
        var rng = new SplitMix64(~seed);
        for (var i = count - 1; i > 0; i--)
        {
            var j = rng.Below(i + 1);
            (labels[i], labels[j]) = (labels[j], labels[i]);
        }
        return labels;
    }

    static void Draw(int label, ref SplitMix64 rng, Span<byte> chw)
    {
        Span<double> background0 = [rng.Uniform(0, 200), rng.Uniform(0, 200), rng.Uniform(0, 200)];
        Span<double> background1 = stackalloc double[3];
        for (var c = 0; c < 3; c++) background1[c] = Math.Clamp(background0[c] + rng.Uniform(-70, 70), 0, 255);
        var angle = rng.Uniform(0, 2 * Math.PI);
        var (gx, gy) = (Math.Cos(angle), Math.Sin(angle));

        var hue = label * 36 + HueJitterDegrees * rng.Normal();
        var foreground = Hsv(hue, rng.Uniform(0.55, 1), rng.Uniform(0.55, 1));
        var (cx, cy) = (rng.Uniform(10, 22), rng.Uniform(10, 22));
        var radius = rng.Uniform(6, 10);

        const int plane = Side * Side;
        for (var y = 0; y < Side; y++)
            for (var x = 0; x < Side; x++)
            {
                var inside = Inside(label, x - cx, y - cy, radius);
                var t = Math.Clamp(((x - Side / 2.0) * gx + (y - Side / 2.0) * gy) / Side + 0.5, 0, 1);
                for (var c = 0; c < 3; c++)
                {
                    var value = inside ? foreground[c] : background0[c] + t * (background1[c] - background0[c]);
                    chw[c * plane + y * Side + x] = (byte)Math.Clamp(Math.Round(value + NoiseStd * rng.Normal()), 0, 255);
                }
            }
    }

    /// <summary>Whether offset (<paramref name="dx"/>, <paramref name="dy"/>) from the centre is in class <paramref name="label"/>'s shape.</summary>
    static bool Inside(int label, double dx, double dy, double r)
    {
        var (ax, ay) = (Math.Abs(dx), Math.Abs(dy));
        var box = ax <= r && ay <= r;
        return label switch
        {
            0 => dx * dx + dy * dy <= r * r,
            1 => ax <= 0.8 * r && ay <= 0.8 * r,
            2 => dy >= -r && dy <= 0.8 * r && ax <= 0.55 * (dy + r),
            3 => dx * dx + dy * dy <= r * r && dx * dx + dy * dy >= 0.3 * r * r,
            4 => box && (int)Math.Floor((dy + r) / 2.5) % 2 == 0,
            5 => box && (int)Math.Floor((dx + r) / 2.5) % 2 == 0,
            6 => (ax <= 0.3 * r && ay <= r) || (ay <= 0.3 * r && ax <= r),
            7 => box && (Math.Abs(dx - dy) <= 0.35 * r || Math.Abs(dx + dy) <= 0.35 * r),
            8 => box && ((int)Math.Floor((dx + r) / 3) + (int)Math.Floor((dy + r) / 3)) % 2 == 0,
            9 => ax + ay <= r,
            _ => throw new ArgumentOutOfRangeException(nameof(label)),
        };
    }

    /// <summary>RGB (0–255) of hue <paramref name="degrees"/>, saturation and value in [0, 1].</summary>
    static double[] Hsv(double degrees, double saturation, double value)
    {
        var h = ((degrees % 360) + 360) % 360 / 60;
        var chroma = value * saturation;
        var second = chroma * (1 - Math.Abs(h % 2 - 1));
        var (r, g, b) = (int)h switch
        {
            0 => (chroma, second, 0.0),
            1 => (second, chroma, 0.0),
            2 => (0.0, chroma, second),
            3 => (0.0, second, chroma),
            4 => (second, 0.0, chroma),
            _ => (chroma, 0.0, second),
        };
        var m = value - chroma;
        return [255 * (r + m), 255 * (g + m), 255 * (b + m)];
    }
}
