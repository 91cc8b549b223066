using ColorPix.Core.Data;
using TorchSharp;
using static TorchSharp.torch;
using ColorPix.Core.Imaging;

namespace ColorPix.Tests.Data;

public class BatchLoaderTests
{
    private PhotoTree tree = null!;
    private ImageFolderDataset dataset = null!;

    [SetUp]
    public void CreatePhotos()
    {
        tree = new PhotoTree();
        tree.Photos(11);
        dataset = new ImageFolderDataset(tree.Images, tree.Build().Entries);
    }

    [TearDown]
    public void DeletePhotos() => tree.Dispose();

    private static readonly ISampleTransform Small = new TrainTransform(8);

    private static List<List<string>> PathsOf(BatchLoader loader) =>
        loader.Select(batch => { using (batch) return batch.Paths.ToList(); }).ToList();

    [Test]
    public void An_epoch_yields_every_sample_exactly_once()
    {
        using var loader = new BatchLoader(dataset, Small, new LoaderOptions { BatchSize = 4, Workers = 3, Capacity = 2 });
        var batches = PathsOf(loader);
        batches.Select(b => b.Count).Should().Equal(4, 4, 3);
        batches.SelectMany(b => b).Should().BeEquivalentTo(dataset.Entries.Select(e => e.Path)).And.OnlyHaveUniqueItems();
    }

    [Test]
    public void Drop_last_leaves_out_the_short_batch()
    {
        using var loader = new BatchLoader(dataset, Small, new LoaderOptions { BatchSize = 4, DropLast = true });
        PathsOf(loader).Select(b => b.Count).Should().Equal(4, 4);
    }

    [Test]
    public void Each_epoch_reshuffles_deterministically_from_the_seed()
    {
        List<List<string>> Epoch(int seed, int epoch)
        {
            using var loader = new BatchLoader(dataset, Small, new LoaderOptions { BatchSize = 4, Seed = seed }, epoch);
            return PathsOf(loader);
        }
        Epoch(5, 0).Should().BeEquivalentTo(Epoch(5, 0), o => o.WithStrictOrdering());
        Epoch(5, 1).Should().NotBeEquivalentTo(Epoch(5, 0), o => o.WithStrictOrdering());
    }

    [Test]
    public void A_file_that_became_unreadable_is_skipped_and_counted()
    {
        File.WriteAllText(Path.Combine(tree.Images, "photo03.png"), "overwritten");
        using var loader = new BatchLoader(dataset, Small, new LoaderOptions { BatchSize = 4 });
        PathsOf(loader).SelectMany(b => b).Should().HaveCount(10).And.NotContain("photo03.png");
        loader.Skipped.Should().ContainSingle().Which.Path.Should().Be("photo03.png");
    }

    [Test]
    public void A_worker_error_surfaces_to_the_consumer()
    {
        using var loader = new BatchLoader(dataset, new FailingTransform(), new LoaderOptions { BatchSize = 2 });
        FluentActions.Invoking(() => PathsOf(loader)).Should().Throw<DataLoaderException>()
            .WithInnerException<InvalidOperationException>().WithMessage("transform bug");
    }

    [Test]
    public void Disposing_mid_epoch_frees_every_queued_batch()
    {
        var baseline = LiveTensors.Count;
        var loader = new BatchLoader(dataset, Small, new LoaderOptions { BatchSize = 1, Workers = 2, Capacity = 4 });
        using (var enumerator = loader.GetEnumerator())
        {
            enumerator.MoveNext().Should().BeTrue();
            enumerator.Current.Dispose();
            SpinWait.SpinUntil(() => LiveTensors.Count >= baseline + 6, TimeSpan.FromSeconds(10));
            LiveTensors.Count.Should().BeGreaterThan(baseline, "batches wait in the queue");
            loader.Dispose();
        }
        LiveTensors.Count.Should().Be(baseline);
    }

    [Test]
    public void Cancellation_stops_the_epoch()
    {
        using var cancel = new CancellationTokenSource();
        var baseline = LiveTensors.Count;
        using var loader = new BatchLoader(dataset, Small, new LoaderOptions { BatchSize = 2 }, cancellation: cancel.Token);
        var taken = 0;
        FluentActions.Invoking(() =>
        {
            foreach (var batch in loader)
            {
                batch.Dispose();
                if (++taken == 2) cancel.Cancel();
            }
        }).Should().Throw<OperationCanceledException>();
        taken.Should().Be(2);
        LiveTensors.Count.Should().Be(baseline);
    }

    private sealed class FailingTransform : ISampleTransform
    {
        public int Size => 8;
        public byte[] Apply(Image source, Random random) => throw new InvalidOperationException("transform bug");
    }
}
