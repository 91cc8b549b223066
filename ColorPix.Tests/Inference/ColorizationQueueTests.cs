using System.Runtime.InteropServices;
using ColorPix.Core.Inference;
using ColorPix.Core.Models;
using TorchSharp;
using static TorchSharp.torch;
using ColorPix.Core.Imaging;
using static ColorPix.Tests.Inference.InferenceFixtures;

namespace ColorPix.Tests.Inference;

public class ColorizationQueueTests
{
    private static ModelCatalog CatalogOf(ColorizationModel autoEncoder) =>
        ModelCatalog.FromModels(new Dictionary<ModelKind, ColorizationModel> { [ModelKind.AutoEncoder] = autoEncoder });

    // A prepared image reads its source again when finished: the photos live until the test is over.
    private readonly List<Image> photos = [];

    [TearDown]
    public void DisposePhotos()
    {
        foreach (var photo in photos) photo.Dispose();
        photos.Clear();
    }

    private PreparedImage[] Prepared(int count) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var photo = Photo(40 + 7 * i, 50, i);
            photos.Add(photo);
            return Colorizer.Prepare(photo, AutoEncoderSize);
        }).ToArray();

    private static async Task DisposeAll(IEnumerable<Task<Image>> results, IEnumerable<PreparedImage> prepared)
    {
        foreach (var image in await Task.WhenAll(results)) image.Dispose();
        foreach (var p in prepared) p.Dispose();
    }

    [Test]
    public async Task Concurrent_requests_are_batched_together()
    {
        using var catalog = CatalogOf(TinyAutoEncoder());
        var prepared = Prepared(8);
        await using (var queue = new ColorizationQueue(catalog, new InferenceOptions { MaxBatch = 4, MaxDelayMs = 2000 }))
        {
            var results = prepared.Select(p => queue.ColorizeAsync(p, ModelKind.AutoEncoder)).ToList();
            await DisposeAll(results, prepared);
            var status = queue.Status().Models.Single(m => m.Kind == ModelKind.AutoEncoder);
            status.Processed.Should().Be(8);
            status.AverageBatchSize.Should().BeGreaterThan(1);
            status.P50Ms.Should().NotBeNull();
            status.P95Ms.Should().BeGreaterThanOrEqualTo(status.P50Ms!.Value);
        }
    }

    [Test]
    public async Task With_batching_disabled_every_batch_holds_one_request()
    {
        var network = new GatedNetwork();
        using var catalog = CatalogOf(GatedNetwork.Model(network));
        var prepared = Prepared(6);
        await using (var queue = new ColorizationQueue(catalog, new InferenceOptions { MaxBatch = 1, MaxDelayMs = 0 }))
        {
            await DisposeAll(prepared.Select(p => queue.ColorizeAsync(p, ModelKind.AutoEncoder)), prepared);
            queue.Status().Models.Single(m => m.Kind == ModelKind.AutoEncoder).AverageBatchSize.Should().Be(1);
        }
        network.BatchSizes.Should().Equal(1, 1, 1, 1, 1, 1);
    }

    [Test]
    public async Task The_queue_gives_what_the_direct_colorizer_gives()
    {
        using var model = TinyAutoEncoder();
        using var photo = Photo(150, 97);
        using var direct = Colorizer.Colorize(model, photo);
        using var catalog = CatalogOf(TinyAutoEncoder());
        await using var queue = new ColorizationQueue(catalog, new InferenceOptions());
        // Same architecture, other random weights: copy them so both colorize alike.
        using (var lease = catalog.Acquire(ModelKind.AutoEncoder)!)
        {
            var source = model.Network.state_dict();
            using var noGrad = torch.no_grad();
            foreach (var (name, tensor) in lease.Model.Network.state_dict()) tensor.copy_(source[name]);
        }
        using var queued = await queue.ColorizeAsync(photo, ModelKind.AutoEncoder);
        queued.CopyPixels().Should().Equal(direct.CopyPixels());
    }

    [Test]
    public async Task A_full_queue_refuses_at_once_with_a_retry_after()
    {
        var network = new GatedNetwork();
        using var catalog = CatalogOf(GatedNetwork.Model(network));
        var prepared = Prepared(4);
        await using var queue = new ColorizationQueue(catalog, new InferenceOptions { Capacity = 2, MaxBatch = 1, MaxDelayMs = 0 });
        network.Close();
        var running = queue.ColorizeAsync(prepared[0], ModelKind.AutoEncoder);
        network.WaitUntilEntered();
        var waiting = prepared[1..3].Select(p => queue.ColorizeAsync(p, ModelKind.AutoEncoder)).ToList();

        var refused = queue.ColorizeAsync(prepared[3], ModelKind.AutoEncoder);

        refused.IsCompleted.Should().BeTrue("a full queue must not make the request wait");
        var error = (await refused.Invoking(t => t).Should().ThrowAsync<QueueFullException>()).Which;
        error.RetryAfterSeconds.Should().BeGreaterThanOrEqualTo(1);
        error.Kind.Should().Be(ModelKind.AutoEncoder);
        queue.Status().State.Should().Be(ServiceState.Busy);
        network.Open();
        await DisposeAll([running, .. waiting], prepared);
        queue.Status().State.Should().Be(ServiceState.Available);
    }

    [Test]
    public async Task A_request_cancelled_while_waiting_is_dropped_and_its_batch_mates_are_served()
    {
        var network = new GatedNetwork();
        using var catalog = CatalogOf(GatedNetwork.Model(network));
        var prepared = Prepared(4);
        await using var queue = new ColorizationQueue(catalog, new InferenceOptions { MaxBatch = 4, MaxDelayMs = 0 });
        network.Close();
        var first = queue.ColorizeAsync(prepared[0], ModelKind.AutoEncoder);
        network.WaitUntilEntered();
        using var cancellation = new CancellationTokenSource();
        var before = queue.ColorizeAsync(prepared[1], ModelKind.AutoEncoder);
        var cancelled = queue.ColorizeAsync(prepared[2], ModelKind.AutoEncoder, cancellation.Token);
        var after = queue.ColorizeAsync(prepared[3], ModelKind.AutoEncoder);

        await cancellation.CancelAsync();

        await cancelled.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
        queue.Status().Models.Single(m => m.Kind == ModelKind.AutoEncoder).Waiting.Should().Be(2);
        network.Open();
        await DisposeAll([first, before, after], prepared);
        network.BatchSizes.Should().Equal([1, 2], "the cancelled request never reaches the model");
    }

    [Test]
    public async Task A_model_error_fails_its_batch_and_the_next_request_succeeds()
    {
        var network = new GatedNetwork { FailNext = true };
        using var catalog = CatalogOf(GatedNetwork.Model(network));
        var prepared = Prepared(2);
        await using var queue = new ColorizationQueue(catalog, new InferenceOptions { MaxBatch = 1 });

        await queue.Invoking(q => q.ColorizeAsync(prepared[0], ModelKind.AutoEncoder))
            .Should().ThrowAsync<ExternalException>().WithMessage("*expected input to have 3 channels*");
        using var next = await queue.ColorizeAsync(prepared[1], ModelKind.AutoEncoder);

        next.Width.Should().Be(prepared[1].Width);
        var status = queue.Status().Models.Single(m => m.Kind == ModelKind.AutoEncoder);
        (status.Failed, status.Processed).Should().Be((1, 1));
        foreach (var p in prepared) p.Dispose();
    }

    [Test]
    public async Task Dispose_serves_the_queued_requests_refuses_new_ones_and_joins_the_workers()
    {
        var network = new GatedNetwork();
        using var catalog = CatalogOf(GatedNetwork.Model(network));
        var prepared = Prepared(4);
        var queue = new ColorizationQueue(catalog, new InferenceOptions { MaxBatch = 1 });
        network.Close();
        var accepted = prepared[..3].Select(p => queue.ColorizeAsync(p, ModelKind.AutoEncoder)).ToList();
        network.WaitUntilEntered();

        var disposing = queue.DisposeAsync().AsTask();

        await queue.Invoking(q => q.ColorizeAsync(prepared[3], ModelKind.AutoEncoder)).Should().ThrowAsync<ModelUnavailableException>();
        disposing.IsCompleted.Should().BeFalse("a batch is still running");
        network.Open();
        await disposing;
        await DisposeAll(accepted, prepared); // throws unless every accepted request was served
    }

    [Test]
    public async Task A_burst_of_requests_leaves_the_live_tensor_count_at_its_baseline()
    {
        using var catalog = CatalogOf(TinyAutoEncoder());
        using var photo = Photo(120, 90);
        var baseline = LiveTensors.Settled();
        await using (var queue = new ColorizationQueue(catalog, new InferenceOptions { MaxBatch = 4, MaxDelayMs = 20 }))
        {
            var burst = Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
            {
                using var image = await queue.ColorizeAsync(photo, ModelKind.AutoEncoder);
                return image.Width;
            }));
            (await Task.WhenAll(burst)).Should().AllBeEquivalentTo(120);
        }
        LiveTensors.Count.Should().Be(baseline);
    }

    [Test]
    public async Task An_unloaded_model_is_refused_and_reported_with_its_reason()
    {
        using var catalog = CatalogOf(TinyAutoEncoder());
        await using var queue = new ColorizationQueue(catalog, new InferenceOptions());
        using var photo = Photo(32, 32);

        var error = (await queue.Invoking(q => q.ColorizeAsync(photo, ModelKind.Pix2Pix)).Should().ThrowAsync<ModelUnavailableException>()).Which;

        error.Kind.Should().Be(ModelKind.Pix2Pix);
        var status = queue.Status();
        status.State.Should().Be(ServiceState.Available);
        status.Models.Single(m => m.Kind == ModelKind.Pix2Pix).Should().Match<ModelStatus>(m => !m.Available && m.Problem != null);
        status.Models.Single(m => m.Kind == ModelKind.AutoEncoder).Model!.Version.Should().Be("in-memory");
    }

    [Test]
    public void Invalid_options_are_refused_with_every_problem_named()
    {
        using var catalog = CatalogOf(TinyAutoEncoder());
        var options = new InferenceOptions { Capacity = 0, MaxBatch = 0, MaxDelayMs = -1 };

        options.Problems().Should().HaveCount(3);
        var act = () => new ColorizationQueue(catalog, options);
        act.Should().Throw<ArgumentException>().WithMessage("*Capacity*MaxBatch*MaxDelayMs*");
        new InferenceOptions().Problems().Should().BeEmpty();
    }
}
