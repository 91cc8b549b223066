using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using ColorPix.Core.Data;
using ColorPix.Core.Imaging;
using ColorPix.Core.Metrics;
using ColorPix.Web.Alerts;
using ColorPix.Web.Storage.Metadata;
using Microsoft.Extensions.Options;

namespace ColorPix.Web.Monitoring;

/// <summary>
/// Drift on uploads: each upload's <see cref="DriftFeatures"/> are recorded; a check compares the newest Drift:Window
/// uploads with the features of the reference dataset's train photos, feature by feature, by PSI and a two-sample KS
/// test. A feature drifts when its PSI reaches Drift:MinorPsi and KS rejects at Drift:KsAlpha; a major drift
/// (PSI from Drift:MajorPsi) raises an alert with the whole table. Every check is stored and exported as metrics.
/// </summary>
public sealed class DriftDetector(IDriftStore store, AlertOutbox alerts, ServiceMetrics metrics, IOptions<DriftOptions> options, TimeProvider clock,
    ILogger<DriftDetector> log)
{
    public const string Job = "drift-check";

    private static readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<DriftFeatures>>> References = new();

    /// <summary>Records an upload's features; a failure is logged, never passed to the upload.</summary>
    public async Task RecordUploadAsync(Image image, bool wasGray, CancellationToken cancellationToken)
    {
        try
        {
            await store.AddFeaturesAsync(DriftFeatures.Of(image, wasGray), clock.GetUtcNow(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning("drift features of an upload not recorded: {Error}", e.Message);
        }
    }

    /// <summary>Compares the newest uploads with the reference; null when there are fewer than Drift:MinWindow uploads.</summary>
    public async Task<DriftReport?> CheckAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var window = await store.RecentFeaturesAsync(o.Window, cancellationToken);
        if (window.Count < o.MinWindow)
        {
            metrics.RecordDrift("too_few_uploads", []);
            return null;
        }
        var reference = await Task.Run(() => ReferenceOf(o.Reference), cancellationToken);
        var features = DriftStatistics.Compare(reference, window);
        var drifting = features.Where(f => f.Psi >= o.MinorPsi && f.KsPValue < o.KsAlpha).ToList();
        var major = drifting.Any(f => f.Psi >= o.MajorPsi);
        var report = await store.AddReportAsync(clock.GetUtcNow(), o.Reference, window.Count, major, features, cancellationToken);
        metrics.RecordDrift(major ? "major" : drifting.Count > 0 ? "minor" : "none", features);
        if (major)
            await alerts.TryRaiseAsync("drift", $"major drift in uploads: {string.Join(", ", drifting.Where(f => f.Psi >= o.MajorPsi).Select(f => f.Feature))}",
                Table(report, o), cancellationToken);
        return report;
    }

    /// <summary>The report as the text of its alert: one line per feature.</summary>
    public static string Table(DriftReport report, DriftOptions o)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"The newest {report.WindowSize} uploads against the train photos of '{report.Reference}' (PSI {o.MinorPsi} minor, {o.MajorPsi} major; KS at {o.KsAlpha}):\n\n");
        text.AppendLine("feature        PSI     KS D   KS p     reference  uploads  verdict");
        foreach (var f in report.Features)
        {
            var verdict = f.KsPValue >= o.KsAlpha || f.Psi < o.MinorPsi ? "-" : f.Psi >= o.MajorPsi ? "MAJOR" : "minor";
            text.AppendLine(CultureInfo.InvariantCulture, $"{f.Feature,-13} {f.Psi,6:F3} {f.Ks,7:F3} {f.KsPValue,7:F4} {f.ReferenceMean,10:F2} {f.WindowMean,8:F2}  {verdict}");
        }
        return text.ToString();
    }

    private static IReadOnlyList<DriftFeatures> ReferenceOf(string name) => References.GetOrAdd(name, n => new Lazy<IReadOnlyList<DriftFeatures>>(() =>
    {
        var dataset = LoadedDataset.Open(n, RepoPaths.FindRoot());
        return dataset.Manifest.Entries.Where(e => e.Split == Split.Train).Select(e =>
        {
            using var image = Image.Decode(File.ReadAllBytes(Path.Combine(dataset.Root, e.Path)), new ImageDecodeOptions { MinSide = DriftFeatures.WorkingSide });
            return DriftFeatures.Of(image, Core.Data.SourceImageScreen.IsGrayscale(image));
        }).ToList();
    })).Value;
}

/// <summary>Runs the drift check every Drift:IntervalHours.</summary>
internal sealed class DriftScheduleService(DriftDetector detector, IJobSchedule schedule, IOptions<DriftOptions> options, TimeProvider clock,
    ILogger<DriftScheduleService> log) : Hosting.ScheduledJob(schedule, clock, log)
{
    protected override string Job => DriftDetector.Job;
    protected override bool Enabled => options.Value.Enabled;
    protected override TimeSpan Interval => TimeSpan.FromHours(options.Value.IntervalHours);

    protected override Task RunAsync(CancellationToken cancellationToken) => detector.CheckAsync(cancellationToken);
}
