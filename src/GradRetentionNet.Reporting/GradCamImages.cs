using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Data;
using GradRetentionNet.Data.Splits;
using GradRetentionNet.Training.Explain;
using GradRetentionNet.Training.Jobs;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Reporting;

/// <summary>
/// Draws Grad-CAM overlays for the first test images of a finished job: the image beside the
/// image blended with a jet-coloured heat map, as PNG files in the job's gradcam/ folder.
/// </summary>
public static class GradCamImages
{
    /// <summary>Writes up to <paramref name="samples"/> overlays and records them in <paramref name="result"/>.</summary>
    public static void Write(ITaskModel model, IDataSplit test, JobResult result, JobOutput output, Device device, int samples)
    {
        if (samples <= 0 || test is not ImageSplitBase images) return;
        var network = model switch
        {
            ImageClassifierModel classifier => classifier.Network,
            SegmentationModel segmentation => segmentation.Network,
            _ => null,
        };
        if (network is not IGradCamModel explained) return;

        Directory.CreateDirectory(output.GradCamDirectory);
        using var scope = torch.NewDisposeScope();
        using var batch = images.Batches(samples, device).First();
        for (var i = 0; i < batch.Size; i++)
        {
            var input = batch.Input.narrow(0, i, 1);
            Tensor heat;
            string caption;
            if (model is SegmentationModel)
            {
                var target = MostPredictedObjectClass(network, input);
                heat = GradCam.ForSegmentedClass(explained, input, target);
                caption = $"class-{target}";
            }
            else
            {
                heat = GradCam.ForPredictedClass(explained, input);
                using var noGrad = torch.no_grad();
                caption = $"label-{batch.Target[i].item<long>()}-predicted-{network.forward(input).argmax(1).item<long>()}";
            }
            var name = $"sample-{i}-{caption}.png";
            Save(Denormalise(input[0], images.Normalization), heat[0], Path.Combine(output.GradCamDirectory, name));
            result.GradCamImages.Add(Path.Combine("gradcam", name));
        }
    }

    // The class the segmentation explains: the most frequent predicted class other than background (0).
    static long MostPredictedObjectClass(nn.Module<Tensor, Tensor> network, Tensor input)
    {
        using var noGrad = torch.no_grad();
        var counts = torch.bincount(network.forward(input).argmax(1).reshape(-1)).to(ScalarType.Float64);
        if (counts.shape[0] > 1) counts[0] = torch.tensor(-1.0);
        return counts.argmax().item<long>();
    }

    static Tensor Denormalise(Tensor image, ImageNormalization normalization)
    {
        var mean = torch.tensor(normalization.Mean).reshape(-1, 1, 1).to(image.device);
        var std = torch.tensor(normalization.Std).reshape(-1, 1, 1).to(image.device);
        return (image * std + mean).clamp(0, 1).cpu();
    }

    static void Save(Tensor image, Tensor heat, string path)
    {
        var (channels, height, width) = ((int)image.shape[0], (int)image.shape[1], (int)image.shape[2]);
        var scale = Math.Max(1, 192 / Math.Max(height, width));
        var pixels = image.contiguous().data<float>().ToArray();
        var heatValues = heat.cpu().contiguous().data<float>().ToArray();
        using var canvas = new Image<Rgb24>(2 * width * scale, height * scale);
        for (var y = 0; y < height * scale; y++)
            for (var x = 0; x < width * scale; x++)
            {
                var (row, column) = (y / scale, x / scale);
                var at = row * width + column;
                float Channel(int c) => pixels[(channels == 1 ? 0 : c) * height * width + at];
                var (r, g, b) = (Channel(0), Channel(1), Channel(2));
                var (hr, hg, hb) = Jet(heatValues[at]);
                canvas[x, y] = Pixel(r, g, b);
                canvas[x + width * scale, y] = Pixel(0.55f * r + 0.45f * hr, 0.55f * g + 0.45f * hg, 0.55f * b + 0.45f * hb);
            }
        canvas.SaveAsPng(path);
    }

    static (float R, float G, float B) Jet(float value) =>
        (Math.Clamp(1.5f - Math.Abs(4 * value - 3), 0, 1), Math.Clamp(1.5f - Math.Abs(4 * value - 2), 0, 1), Math.Clamp(1.5f - Math.Abs(4 * value - 1), 0, 1));

    static Rgb24 Pixel(float r, float g, float b) => new((byte)(255 * Math.Clamp(r, 0, 1)), (byte)(255 * Math.Clamp(g, 0, 1)), (byte)(255 * Math.Clamp(b, 0, 1)));
}
