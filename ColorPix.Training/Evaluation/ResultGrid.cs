using ColorPix.Core.Data;
using ColorPix.Core.Imaging;
using ColorPix.Core.Inference;
using ColorPix.Core.Models;
using static TorchSharp.torch;

namespace ColorPix.Training.Evaluation;

/// <summary>
/// The picture to look at before believing a score: one row per photo of a split, gray input | each model's result |
/// the original. Each result is what the service returns (<see cref="Colorizer.Colorize"/> on the photo's gray at
/// full resolution, as <see cref="RobustnessEvaluation"/>'s clean row), shrunk to the row height afterwards. A .txt
/// beside the PNG names the columns and the photo of each row. One photo is in memory at full size at a time.
/// </summary>
public static class ResultGrid
{
    public const int DefaultRows = 8, DefaultRowHeight = 200, Gap = 4;

    /// <returns>The photos drawn, top to bottom.</returns>
    public static IReadOnlyList<string> Save(IReadOnlyList<(string Name, ColorizationModel Model)> models, ImageFolderDataset dataset, string path,
        int maxRows = DefaultRows, int rowHeight = DefaultRowHeight, Device? device = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowHeight, 8);
        var rows = new List<Image[]>();
        var photos = new List<string>();
        try
        {
            for (var index = 0; index < dataset.Count && rows.Count < maxRows; index++)
            {
                using var original = dataset.TryLoad(index, out _);
                if (original is null) continue;
                rows.Add(Row(models, original, rowHeight, device));
                photos.Add(dataset.Entries[index].Path);
            }
            if (rows.Count == 0) throw new InvalidOperationException("the split has no photo that loads: there is nothing to draw");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using (var page = Compose(rows, rowHeight)) File.WriteAllBytes(path, page.Encode(ImageFormat.Png));
            File.WriteAllLines(Path.ChangeExtension(path, ".txt"),
                [$"columns: gray | {string.Join(" | ", models.Select(m => m.Name))} | original", .. photos.Select((p, i) => $"{i + 1}\t{p}")]);
            return photos;
        }
        finally
        {
            foreach (var cell in rows.SelectMany(r => r)) cell.Dispose();
        }
    }

    private static Image[] Row(IReadOnlyList<(string Name, ColorizationModel Model)> models, Image original, int rowHeight, Device? device)
    {
        var width = Math.Max(1, (int)Math.Round((double)original.Width * rowHeight / original.Height));
        Image Shrunk(Image full)
        {
            using (full) return full.Resize(width, rowHeight);
        }
        var cells = new List<Image>(models.Count + 2);
        try
        {
            using var gray = GrayInput.Of(original);
            cells.Add(Shrunk(Colorizer.Grayscale(gray)));
            cells.AddRange(models.Select(m => Shrunk(Colorizer.Colorize(m.Model, gray, device))));
            cells.Add(original.Resize(width, rowHeight));
            return [.. cells];
        }
        catch
        {
            foreach (var cell in cells) cell.Dispose();
            throw;
        }
    }

    /// <summary>Rows of equal height on white, left-aligned; the page is as wide as the widest row.</summary>
    private static Image Compose(IReadOnlyList<Image[]> rows, int rowHeight)
    {
        var widths = rows.Select(r => r.Sum(c => c.Width) + Gap * (r.Length - 1)).ToList();
        var page = Image.Allocate(widths.Max(), rows.Count * rowHeight + Gap * (rows.Count - 1));
        for (var y = 0; y < page.Height; y++) page.WritableRow(y).Fill(255);
        for (var r = 0; r < rows.Count; r++)
        {
            var x = 0;
            foreach (var cell in rows[r])
            {
                for (var y = 0; y < rowHeight; y++)
                    cell.Row(y).CopyTo(page.WritableRow(r * (rowHeight + Gap) + y)[(x * page.BytesPerPixel)..]);
                x += cell.Width + Gap;
            }
        }
        return page;
    }
}
