using ColorPix.Core.Color;
using ColorPix.Core.Models;
using TorchSharp;
using static TorchSharp.torch;
using ColorPix.Core.Imaging;

namespace ColorPix.Training;

/// <summary>A PNG with one row per image: gray input | prediction | truth.</summary>
public static class SampleGrid
{
    public const int MaxRows = 4;

    public static void Save(ColorizationModel model, Tensor lightness, Tensor ab, string path)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        model.Network.eval();
        var rows = Math.Min(MaxRows, (int)lightness.size(0));
        var l = lightness.narrow(0, 0, rows).cpu();
        var truth = ab.narrow(0, 0, rows).cpu();
        var predicted = model.PredictAb(lightness.narrow(0, 0, rows)).cpu();
        var zeros = torch.zeros_like(truth);
        // Columns side by side along width, images stacked along height: [3, rows*S, 3*S].
        var columns = new[] { zeros, predicted, truth }.Select(c => Lab.LabToRgb(torch.cat([l, c], 1))).ToArray();
        var grid = torch.cat(columns, 3);                 // [rows, 3, S, 3S]
        var stacked = torch.cat(Enumerable.Range(0, rows).Select(i => grid[i]).ToArray(), 1);
        using var image = ImageTensors.FromTensor(stacked);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllBytes(path, image.Encode(ImageFormat.Png));
    }
}
