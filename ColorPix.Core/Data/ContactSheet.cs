using ColorPix.Core.Imaging;
using SkiaSharp;

namespace ColorPix.Core.Data;

/// <summary>One picture on a contact sheet and the caption under it.</summary>
public sealed record SheetItem(string Path, string Caption);

/// <summary>
/// Pages of numbered thumbnails, PNG, for looking at a filter's decisions by eye; each page has a .txt beside it
/// with the full path and caption of every number. Captions are drawn in DejaVu Sans where it is installed
/// (fonts-dejavu-core), else the numbers in the .txt are all there is.
/// </summary>
public static class ContactSheet
{
    private const int Columns = 6, Rows = 5, CellWidth = 256, CellHeight = 168, CaptionHeight = 30, Gap = 4;
    private const string Font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    /// <summary>Writes PREFIX-01.png/.txt, PREFIX-02.png/.txt, ... and returns the PNG paths.</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<SheetItem> items, string prefix)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(prefix))!);
        var pages = new List<string>();
        using var typeface = File.Exists(Font) ? SKTypeface.FromFile(Font) : null;
        using var font = typeface is null ? null : new SKFont(typeface, 11);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        for (var first = 0; first < items.Count; first += Columns * Rows)
        {
            var page = items.Skip(first).Take(Columns * Rows).ToList();
            var rows = (page.Count + Columns - 1) / Columns;
            using var sheet = new SKBitmap(new SKImageInfo(Columns * (CellWidth + Gap), rows * (CellHeight + CaptionHeight + Gap), SKColorType.Rgba8888, SKAlphaType.Opaque));
            using (var canvas = new SKCanvas(sheet))
            {
                canvas.Clear(SKColors.White);
                for (var i = 0; i < page.Count; i++)
                {
                    var (x, y) = (i % Columns * (CellWidth + Gap), i / Columns * (CellHeight + CaptionHeight + Gap));
                    if (Thumbnail(page[i].Path) is { } thumbnail)
                        Paste(thumbnail, sheet, x + (CellWidth - thumbnail.Width) / 2, y + (CellHeight - thumbnail.Height) / 2);
                    if (font is null) continue;
                    var lines = Wrap($"{first + i + 1}. {page[i].Caption}", font, CellWidth - 4).Take(2).ToList();
                    for (var l = 0; l < lines.Count; l++) canvas.DrawText(lines[l], x + 2, y + CellHeight + 12 + l * 13, SKTextAlign.Left, font, ink);
                }
            }
            var path = $"{prefix}-{first / (Columns * Rows) + 1:D2}.png";
            using (var data = sheet.Encode(SKEncodedImageFormat.Png, 100)) File.WriteAllBytes(path, data.ToArray());
            File.WriteAllLines(Path.ChangeExtension(path, ".txt"), page.Select((item, i) => $"{first + i + 1}\t{item.Path}\t{item.Caption}"));
            pages.Add(path);
        }
        return pages;
    }

    /// <summary>The picture shrunk to fit a cell, as interleaved RGB.</summary>
    private static (byte[] Rgb, int Width, int Height)? Thumbnail(string path)
    {
        try
        {
            using var image = Image.Decode(File.ReadAllBytes(path), new ImageDecodeOptions { MinSide = CellHeight });
            var scale = Math.Min((double)CellWidth / image.Width, (double)CellHeight / image.Height);
            using var small = image.Resize(Math.Max(1, (int)(image.Width * scale)), Math.Max(1, (int)(image.Height * scale)));
            return (small.CopyPixels(), small.Width, small.Height);
        }
        catch (Exception e) when (e is ImageFormatException or IOException)
        {
            return null;
        }
    }

    private static void Paste((byte[] Rgb, int Width, int Height) thumbnail, SKBitmap sheet, int left, int top)
    {
        var pixels = sheet.GetPixelSpan();
        for (var y = 0; y < thumbnail.Height; y++)
            for (var x = 0; x < thumbnail.Width; x++)
            {
                var (i, o) = (3 * (y * thumbnail.Width + x), (top + y) * sheet.RowBytes + 4 * (left + x));
                (pixels[o], pixels[o + 1], pixels[o + 2], pixels[o + 3]) = (thumbnail.Rgb[i], thumbnail.Rgb[i + 1], thumbnail.Rgb[i + 2], 255);
            }
    }

    private static IEnumerable<string> Wrap(string text, SKFont font, float width)
    {
        var line = "";
        foreach (var word in text.Split(' '))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (font.MeasureText(candidate) <= width || line.Length == 0) { line = candidate; continue; }
            yield return line;
            line = word;
        }
        if (line.Length > 0) yield return line;
    }
}
