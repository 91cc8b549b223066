using ColorPix.Core.Engine;
using ColorPix.Core.Color;
using ColorPix.Core.Imaging;
using static TorchSharp.torch;

namespace ColorPix.Core.Inference;

/// <summary>
/// Joins a model's small ab to the full-resolution lightness of the source, a strip of rows at a time: the
/// full-size image only ever exists as 8-bit pixels (the source and the result), never as float tensors, so a
/// 40-megapixel scan costs its two 8-bit images plus one strip's floats.
/// ab is upsampled exactly as bilinear interpolation (align_corners=false) would: separable, as two small
/// weight matrices, so any strip of rows can be computed alone. (Their shapes are right by construction: TorchSharp
/// 0.107's matmul does not catch libtorch's errors, a wrong shape would abort the process.)
/// </summary>
internal static class StripRecombiner
{
    /// <summary>Rows per strip: about 20 floats per pixel are alive in a strip, so 64 rows of a 10,000 px wide
    /// scan take ~50 MB.</summary>
    public const int StripRows = 64;

    /// <summary>The colorized source (ab [1,2,S,S] in Lab units), or with ab null its lightness as gray RGB.</summary>
    public static Image Colorize(Image source, Tensor? ab)
    {
        var (width, height) = (source.Width, source.Height);
        var output = Image.Allocate(width, height);
        try
        {
            using var outer = NewDisposeScope();
            // ab interpolated along x once for the whole image: [2, S, W], small (S rows).
            var abColumns = ab is null ? null : ab[0].to(ScalarType.Float32).matmul(BilinearWeights(width, ab.size(3)).t());
            var rowWeights = ab is null ? null : BilinearWeights(height, ab.size(2));
            for (var y = 0; y < height; y += StripRows)
            {
                using var strip = NewDisposeScope();
                var rows = Math.Min(StripRows, height - y);
                var lightness = Lab.Lightness(ImageTensors.RgbRows(source, y, rows));              // [1,1,h,W]
                var chroma = abColumns is null || rowWeights is null
                    ? zeros(1, 2, rows, width)
                    : rowWeights.narrow(0, y, rows).matmul(abColumns).unsqueeze(0); // [1,2,h,W]
                var rgbx = cat([Lab.LabToRgb(cat([lightness, chroma], 1)), ones(1, 1, rows, width)], 1);
                ImageTensors.ToBytes(rgbx).bytes.CopyTo(ImageTensors.Rows(output, y, rows));
            }
            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    /// <summary>
    /// [Out, In] weights of 1-D linear interpolation from In samples to Out, as torch.nn.functional.interpolate
    /// computes it with align_corners=false: source = (i + 0.5) * In / Out - 0.5, clamped at 0 and at the last sample.
    /// </summary>
    internal static Tensor BilinearWeights(long outputs, long inputs)
    {
        var weights = new float[outputs * inputs];
        var scale = (double)inputs / outputs;
        for (long i = 0; i < outputs; i++)
        {
            var source = Math.Max(0, (i + 0.5) * scale - 0.5);
            var low = Math.Min((long)source, inputs - 1);
            var high = Math.Min(low + 1, inputs - 1);
            var fraction = (float)(source - low);
            weights[i * inputs + low] += 1 - fraction;
            weights[i * inputs + high] += fraction;
        }
        return tensor(weights, [outputs, inputs]);
    }
}
