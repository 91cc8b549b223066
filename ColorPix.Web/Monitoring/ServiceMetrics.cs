using ColorPix.Core.Inference;
using ColorPix.Core.Models;
using Prometheus;

namespace ColorPix.Web.Monitoring;

/// <summary>
/// Every metric GET /metrics shows, named once here (Prometheus conventions: colorpix_ prefix, base units, counters
/// end in _total). prometheus-net rather than OpenTelemetry's exporter: it writes exactly the classic text format
/// that Prometheus and its strict parsers read, in a stable release (the OpenTelemetry exporter is a beta), lets
/// a series be removed (the model info of a version no longer served) and keeps each app's numbers in its own
/// registry, so two services in one process (the tests' replicas) never mix their counts.
/// Counters with a bounded label set start at 0 for every label value, so rate() and the dashboard see them at once.
/// </summary>
public sealed class ServiceMetrics
{
    private static readonly string[] Models = Enum.GetValues<ModelKind>().Select(ModelKinds.Name).ToArray();

    private readonly Lock infoGate = new();
    private readonly Dictionary<string, string> servedVersions = [];

    public CollectorRegistry Registry { get; } = Prometheus.Metrics.NewCustomRegistry();

    /// <summary>The last minutes of requests, for the error-rate and latency alerts.</summary>
    public RequestWindow Recent { get; } = new(TimeProvider.System);

    private readonly Counter httpRequests, uploads, uploadRefusals, colorizations, colorizationFailures, ratings;
    private readonly Histogram httpDuration, queueWait, batchDuration, batchSize;
    private readonly Gauge queueDepth, queueCapacity, modelLoaded, modelInfo, memoryInUse, memoryLimit, memoryWaiting, driftPsi, driftKs;
    private readonly Counter driftChecks, alerts;

    public ServiceMetrics()
    {
        var f = Prometheus.Metrics.WithCustomRegistry(Registry);
        httpRequests = f.CreateCounter("colorpix_http_requests_total", "HTTP requests by route template, method and status code",
            new CounterConfiguration { LabelNames = ["route", "method", "code"] });
        httpDuration = f.CreateHistogram("colorpix_http_request_duration_seconds", "HTTP request duration by route template and method",
            new HistogramConfiguration { LabelNames = ["route", "method"], Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
        uploads = f.CreateCounter("colorpix_uploads_total", "Photos accepted by POST /upload_img2colorize");
        driftPsi = f.CreateGauge("colorpix_drift_psi", "Population stability index of each upload feature at the last drift check (0.1 minor, 0.25 major)",
            new GaugeConfiguration { LabelNames = ["feature"] });
        driftKs = f.CreateGauge("colorpix_drift_ks_statistic", "Two-sample Kolmogorov-Smirnov D of each upload feature at the last drift check",
            new GaugeConfiguration { LabelNames = ["feature"] });
        driftChecks = f.CreateCounter("colorpix_drift_checks_total", "Drift checks by outcome (none, minor, major, too_few_uploads)",
            new CounterConfiguration { LabelNames = ["outcome"] });
        alerts = f.CreateCounter("colorpix_alerts_total", "Alerts raised, by kind (mailed when Mail:Host is set)", new CounterConfiguration { LabelNames = ["kind"] });
        uploadRefusals = f.CreateCounter("colorpix_upload_refusals_total", "Uploads refused, by reason",
            new CounterConfiguration { LabelNames = ["reason"] });
        queueDepth = f.CreateGauge("colorpix_queue_depth", "Requests waiting in a model's queue", new GaugeConfiguration { LabelNames = ["model"] });
        queueCapacity = f.CreateGauge("colorpix_queue_capacity", "Requests a model's queue holds before it refuses with 503",
            new GaugeConfiguration { LabelNames = ["model"] });
        queueWait = f.CreateHistogram("colorpix_queue_wait_seconds", "Time a request waited in its model's queue before its batch ran",
            new HistogramConfiguration { LabelNames = ["model"], Buckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        batchDuration = f.CreateHistogram("colorpix_inference_batch_duration_seconds", "Duration of one forward pass (a batch)",
            new HistogramConfiguration { LabelNames = ["model", "version"], Buckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        batchSize = f.CreateHistogram("colorpix_inference_batch_size", "Requests in one forward pass",
            new HistogramConfiguration { LabelNames = ["model", "version"], Buckets = [1, 2, 4, 8, 16, 32, 64] });
        colorizations = f.CreateCounter("colorpix_colorizations_total", "Images a model colorized", new CounterConfiguration { LabelNames = ["model"] });
        colorizationFailures = f.CreateCounter("colorpix_colorization_failures_total", "Images a model's batch failed to colorize",
            new CounterConfiguration { LabelNames = ["model"] });
        ratings = f.CreateCounter("colorpix_ratings_total", "Ratings given to results, by model and stars",
            new CounterConfiguration { LabelNames = ["model", "stars"] });
        modelLoaded = f.CreateGauge("colorpix_model_loaded", "1 when a model is loaded and served, else 0", new GaugeConfiguration { LabelNames = ["model"] });
        modelInfo = f.CreateGauge("colorpix_model_info", "The version each model serves (always 1; only the current version has a series)",
            new GaugeConfiguration { LabelNames = ["model", "version"] });
        memoryInUse = f.CreateGauge("colorpix_memory_budget_in_use_bytes", "Bytes reserved by full-size images in flight");
        memoryLimit = f.CreateGauge("colorpix_memory_budget_limit_bytes", "The memory budget (Inference:MemoryBudgetMB)");
        memoryWaiting = f.CreateGauge("colorpix_memory_budget_waiting", "Requests waiting for the memory budget");

        foreach (var reason in UploadRefusal.Reasons) uploadRefusals.WithLabels(reason);
        foreach (var model in Models)
        {
            colorizations.WithLabels(model);
            colorizationFailures.WithLabels(model);
            for (var stars = 1; stars <= 5; stars++) ratings.WithLabels(model, Stars(stars));
        }
    }

    public void RecordRequest(string route, string method, int code, TimeSpan duration)
    {
        Recent.Record(code, duration);
        httpRequests.WithLabels(route, method, Code(code)).Inc();
        httpDuration.WithLabels(route, method).Observe(duration.TotalSeconds);
    }

    public void RecordUpload(int code, Exception? error)
    {
        if (code == StatusCodes.Status201Created) uploads.Inc();
        else uploadRefusals.WithLabels(UploadRefusal.ReasonOf(code, error)).Inc();
    }

    /// <summary>A drift check's outcome and, when it compared features, each feature's scores.</summary>
    public void RecordDrift(string outcome, IReadOnlyList<Core.Metrics.FeatureDrift> features)
    {
        driftChecks.WithLabels(outcome).Inc();
        foreach (var feature in features)
        {
            driftPsi.WithLabels(feature.Feature).Set(feature.Psi);
            driftKs.WithLabels(feature.Feature).Set(feature.Ks);
        }
    }

    public void RecordAlert(string kind) => alerts.WithLabels(kind).Inc();

    public void RecordRating(ModelKind model, int stars) => ratings.WithLabels(model.Name(), Stars(stars)).Inc();

    /// <summary>Subscribed to <see cref="ColorizationQueue.BatchServed"/>: runs on the worker thread, so it only counts.</summary>
    public void RecordBatch(BatchReport batch)
    {
        var model = batch.Kind.Name();
        foreach (var wait in batch.QueueWaits) queueWait.WithLabels(model).Observe(wait.TotalSeconds);
        colorizations.WithLabels(model).Inc(batch.Succeeded);
        colorizationFailures.WithLabels(model).Inc(batch.Failed);
        if (batch.Version is not { } version) return;
        batchDuration.WithLabels(model, version).Observe(batch.Duration.TotalSeconds);
        batchSize.WithLabels(model, version).Observe(batch.QueueWaits.Count);
    }

    /// <summary>The gauges, read from the queue when scraped. A model's info series follows the version it serves: the
    /// previous version's series is removed, so after a hot swap exactly one version per model shows 1.</summary>
    public void Refresh(ColorizationQueue queue)
    {
        foreach (var model in queue.Status().Models)
        {
            var name = model.Kind.Name();
            queueDepth.WithLabels(name).Set(model.Waiting);
            queueCapacity.WithLabels(name).Set(queue.Options.Capacity);
            modelLoaded.WithLabels(name).Set(model.Model is null ? 0 : 1);
            ShowVersion(name, model.Model?.Version);
        }
        memoryInUse.Set(queue.Memory.InUse);
        memoryLimit.Set(queue.Memory.Capacity);
        memoryWaiting.Set(queue.Memory.Waiting);
    }

    private void ShowVersion(string model, string? version)
    {
        lock (infoGate)
        {
            if (servedVersions.TryGetValue(model, out var shown) && shown != version) modelInfo.RemoveLabelled(model, shown);
            if (version is null) servedVersions.Remove(model);
            else
            {
                servedVersions[model] = version;
                modelInfo.WithLabels(model, version).Set(1);
            }
        }
    }

    private static string Stars(int stars) => stars.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Code(int code) => code.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
