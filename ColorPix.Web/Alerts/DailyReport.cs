using System.Globalization;
using System.Text;
using ColorPix.Core.Inference;
using ColorPix.Core.Models;
using ColorPix.Web.Monitoring;
using ColorPix.Web.Storage.Metadata;
using Microsoft.Extensions.Options;

namespace ColorPix.Web.Alerts;

/// <summary>The `Report` section: the daily report mailed to the administrators (like the bird project's, seed 003).</summary>
public sealed class ReportOptions
{
    public const string Section = "Report";

    public bool Enabled { get; set; } = true;
    public double IntervalHours { get; set; } = 24;
}

/// <summary>
/// The daily report: the last day's counts, the models serving with their latencies and their ratings per version,
/// the last drift check's table and the promotion decisions of the day. Sent through the alert outbox (kind
/// "daily-report"), so it is kept and shown like any alert and mailed when Mail:Host is set.
/// </summary>
public sealed class DailyReport(IActivityCounts activity, IRatingStore ratings, IDriftStore drift, IModelDecisionStore decisions,
    ColorizationQueue queue, AlertOutbox outbox, IOptions<ReportOptions> options, IOptions<DriftOptions> driftOptions, TimeProvider clock)
{
    public const string Job = "daily-report";

    public async Task<string> SendAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var since = now - TimeSpan.FromHours(options.Value.IntervalHours);
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));

        var counts = await activity.SinceAsync(since, cancellationToken);
        Line($"Since {since:u}: {counts.Uploads} uploads, {counts.Colorizations} colorizations, {counts.Ratings} ratings, {counts.NewUsers} new users ({counts.Users} in all).");
        text.AppendLine().AppendLine("Models serving (latency of this process since its start):");
        foreach (var m in queue.Status().Models)
            Line($"  {m.Kind.Name(),-12} {m.Model?.Version ?? "not loaded",-24} processed {m.Processed}, failed {m.Failed}, p50 {Ms(m.P50Ms)}, p95 {Ms(m.P95Ms)}");
        text.AppendLine().AppendLine("Ratings per model and version (all time):");
        var rated = await ratings.SummarizeByVersionAsync(cancellationToken);
        if (rated.Count == 0) text.AppendLine("  none yet");
        foreach (var r in rated) Line($"  {r.Model.Name(),-12} {r.Version,-24} {r.MeanStars:F2} / 5 from {r.Count}");
        text.AppendLine().AppendLine("Drift (last check):");
        var lastDrift = (await drift.ListReportsAsync(1, cancellationToken)).FirstOrDefault();
        text.AppendLine(lastDrift is null ? "  no check yet" : DriftDetector.Table(lastDrift, driftOptions.Value));
        text.AppendLine("Promotion decisions of the period:");
        var recent = (await decisions.ListAsync(50, cancellationToken)).Where(d => d.DecidedAt >= since).ToList();
        if (recent.Count == 0) text.AppendLine("  none");
        foreach (var d in recent) Line($"  {d.DecidedAt:u} {d.Kind.Name()} {(d.Promoted ? "promoted" : "refused")} {d.ChallengerVersion}: {d.Reason}");

        var body = text.ToString();
        await outbox.RaiseAsync(Job, $"daily report, {now:yyyy-MM-dd}: {counts.Uploads} uploads, {counts.Colorizations} colorizations", body, cancellationToken);
        return body;
    }

    private static string Ms(double? value) => value is { } v ? $"{v:F0} ms" : "-";
}

/// <summary>Sends the report every Report:IntervalHours (one replica per due time).</summary>
internal sealed class DailyReportService(DailyReport report, IJobSchedule schedule, IOptions<ReportOptions> options, TimeProvider clock,
    ILogger<DailyReportService> log) : Hosting.ScheduledJob(schedule, clock, log)
{
    protected override string Job => DailyReport.Job;
    protected override bool Enabled => options.Value.Enabled;
    protected override TimeSpan Interval => TimeSpan.FromHours(options.Value.IntervalHours);

    protected override Task RunAsync(CancellationToken cancellationToken) => report.SendAsync(cancellationToken);
}
