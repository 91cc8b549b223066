using ColorPix.Core.Data;
using ColorPix.Core.Imaging;
using ColorPix.Core.Inference;
using ColorPix.Tests.Data;
using ColorPix.Tests.Inference;
using ColorPix.Training.Evaluation;

namespace ColorPix.Tests.Metrics;

public class ResultGridTests
{
    private const int RowHeight = 40;

    [Test]
    public void Each_row_is_the_gray_input_each_models_full_resolution_result_and_the_original_shrunk_to_the_row_height()
    {
        using var tree = new PhotoTree();
        var dataset = EvaluationPhotos.Tiny(tree);
        using var model = InferenceFixtures.TinyAutoEncoder();
        var path = Path.Combine(tree.RepoRoot, "grids", "test.png");

        var photos = ResultGrid.Save([("autoencoder", model)], dataset, path, maxRows: 2, rowHeight: RowHeight);

        photos.Should().Equal("p0.png", "p1.png");
        using var page = Image.Decode(File.ReadAllBytes(path));
        // Row 0: a 120x80 photo is 60 px wide at 40 px high, three cells and two gaps; row 1 (70x100) is narrower.
        (page.Width, page.Height).Should().Be((3 * 60 + 2 * ResultGrid.Gap, 2 * RowHeight + ResultGrid.Gap));
        using var original = dataset.TryLoad(0, out _)!;
        using var gray = GrayInput.Of(original);
        using var colorized = Colorizer.Colorize(model, gray);
        using var expectedModel = colorized.Resize(60, RowHeight);
        using var expectedOriginal = original.Resize(60, RowHeight);
        Cell(page, 1, 60).Should().Equal(expectedModel.CopyPixels());
        Cell(page, 2, 60).Should().Equal(expectedOriginal.CopyPixels());
        var grayCell = Cell(page, 0, 60);
        grayCell.Chunk(3).Should().OnlyContain(p => Math.Abs(p[0] - p[1]) <= 1 && Math.Abs(p[1] - p[2]) <= 1, "the input column has no colour");
        grayCell.Should().NotEqual(Cell(page, 2, 60));
        File.ReadAllLines(Path.ChangeExtension(path, ".txt")).Should().Equal("columns: gray | autoencoder | original", "1\tp0.png", "2\tp1.png");
    }

    [Test]
    public void A_split_smaller_than_the_row_limit_gives_one_row_per_photo()
    {
        using var tree = new PhotoTree();
        using var model = InferenceFixtures.TinyAutoEncoder();
        var path = Path.Combine(tree.RepoRoot, "grid.png");

        ResultGrid.Save([("a", model), ("b", model)], EvaluationPhotos.Tiny(tree), path, rowHeight: RowHeight).Should().HaveCount(EvaluationPhotos.Sizes.Length);

        using var page = Image.Decode(File.ReadAllBytes(path));
        page.Height.Should().Be(3 * RowHeight + 2 * ResultGrid.Gap);
    }

    /// <summary>The RGB pixels of column <paramref name="column"/> of the first row (all cells of a row are equally wide).</summary>
    private static byte[] Cell(Image page, int column, int width)
    {
        var pixels = page.CopyPixels();
        var x0 = column * (width + ResultGrid.Gap);
        return Enumerable.Range(0, RowHeight)
            .SelectMany(y => pixels.Skip((y * page.Width + x0) * 3).Take(width * 3)).ToArray();
    }
}
