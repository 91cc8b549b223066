using System.Globalization;
using System.Text.Json;
using ColorPix.Core.Checkpoints;
using ColorPix.Core.Data;
using ColorPix.Core.Engine;
using ColorPix.Core.Metrics;
using ColorPix.Core.Models;
using ColorPix.Training;
using ColorPix.Training.Evaluation;
using ColorPix.Training.Registry;
using ColorPix.Web.Alerts;
using ColorPix.Web.Storage.Metadata;
using Microsoft.Extensions.Options;

namespace ColorPix.Web.Lifecycle;

/// <summary>
/// The best-model selection: for each kind with challengers, the champion and every challenger are evaluated on the
/// same held-out split (Selection:Data / Selection:Split), their users' mean ratings added where there are enough
/// (<see cref="SelectionRules"/>), and the best challenger promoted only if it wins by the margin. Every decision,
/// taken or refused, is recorded with its numbers in the database and as an MLflow run; challengers that lose are
/// rejected, so the next selection does not evaluate them again.
/// </summary>
public sealed class ModelSelection(IModelRegistry registry, IModelDecisionStore decisions, IRatingStore ratings, ModelVersions versions,
    ModelPromotion promotion, AlertOutbox alerts, IOptions<SelectionOptions> options, TimeProvider clock, ILogger<ModelSelection> log)
{
    public const string Job = "model-selection";

    /// <summary>Runs the selection for every kind; returns the decisions taken (none for a kind without challengers).</summary>
    /// <exception cref="SelectionDataException">The selection's dataset cannot be opened: nothing was evaluated, no
    /// challenger was rejected for it.</exception>
    public async Task<IReadOnlyList<ModelDecision>> RunAsync(string decidedBy, CancellationToken cancellationToken)
    {
        OpenDataset(); // a configuration error must not look like bad challengers and reject them all
        var taken = new List<ModelDecision>();
        foreach (var kind in Enum.GetValues<ModelKind>())
            if (await DecideAsync(kind, decidedBy, cancellationToken) is { } decision) taken.Add(decision);
        return taken;
    }

    private async Task<ModelDecision?> DecideAsync(ModelKind kind, string decidedBy, CancellationToken cancellationToken)
    {
        var all = (await registry.ListAsync(cancellationToken)).Where(m => m.Kind == kind).ToList();
        var challengers = all.Where(m => m.Status == VersionStatus.Challenger).ToList();
        var champion = all.SingleOrDefault(m => m.IsChampion);
        if (challengers.Count == 0)
        {
            // Nothing to decide, but the champion is still evaluated: its drop is what the alert below watches.
            if (champion is not null) await WatchChampionAsync(champion, await EvaluateAsync(champion, cancellationToken), cancellationToken);
            return null;
        }
        var rated = (await ratings.SummarizeByVersionAsync(cancellationToken)).Where(r => r.Model == kind).ToDictionary(r => r.Version);
        var o = options.Value;
        var on = $"{o.Data}/{Enum.Parse<Split>(o.Split, ignoreCase: true).ToString().ToLowerInvariant()}";

        var contenders = new List<(ModelRecord Record, Contender Contender)>();
        var failures = new List<string>();
        foreach (var version in challengers.Prepend(champion).OfType<ModelRecord>())
        {
            try
            {
                var report = await EvaluateAsync(version, cancellationToken);
                if (version.IsChampion) await WatchChampionAsync(version, report, cancellationToken);
                var rating = rated.GetValueOrDefault(version.Version);
                contenders.Add((version, new Contender(version.Version, report.Model, rating?.MeanStars, rating?.Count ?? 0)));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures.Add($"{version.Version} could not be evaluated: {EngineErrors.MessageOf(e)}");
                if (!version.IsChampion) await registry.SetStatusAsync(kind, version.Version, VersionStatus.Rejected, cancellationToken);
            }
        }
        var championContender = contenders.FirstOrDefault(c => c.Record.IsChampion).Contender;
        var decision = ChampionSelection.Decide(championContender, contenders.Where(c => !c.Record.IsChampion).Select(c => c.Contender).ToList(), o.Rules);
        var reason = string.Join("; ", failures.Prepend(decision.Reason));
        var numbers = JsonSerializer.Serialize(new { evaluated_on = on, rules = o.Rules, scores = decision.Scores, failures }, JsonOptions);
        var runId = RecordInMlflow(kind, on, decision, numbers);
        log.LogInformation("model selection for {Model}: {Reason}", kind.Name(), reason);

        foreach (var loser in contenders.Where(c => !c.Record.IsChampion && c.Contender.Version != decision.Winner))
            await registry.SetStatusAsync(kind, loser.Record.Version, VersionStatus.Rejected, cancellationToken);
        if (decision.Winner is { } winner)
            return await promotion.PromoteAsync(kind, winner, DecisionTrigger.Schedule, decidedBy, cancellationToken, reason, numbers, runId);
        return await decisions.AddAsync(new NewModelDecision(kind, DecisionTrigger.Schedule, false, champion?.Version,
            decision.Scores.Where(s => s.Role == "challenger").MaxBy(s => s.Score)?.Version ?? challengers[0].Version, reason, numbers, runId, decidedBy,
            clock.GetUtcNow()), cancellationToken);
    }

    /// <summary>Evaluates a version on the selection split and records the result as its metrics.</summary>
    public async Task<EvaluationReport> EvaluateAsync(ModelRecord version, CancellationToken cancellationToken)
    {
        var path = await versions.FetchAsync(version, cancellationToken);
        var dataset = OpenDataset();
        var split = Enum.Parse<Split>(options.Value.Split, ignoreCase: true);
        var report = await Task.Run(() =>
        {
            var (model, _) = ModelCheckpoint.Load(path);
            using (model)
                return ModelEvaluation.Run(model, new DatasetBatchSource(dataset, model.ImageSize, batchSize: 8, workers: 1, seed: 0), split,
                    cancellation: cancellationToken);
        }, cancellationToken);
        await registry.UpsertAsync(new ModelRegistration(version.Kind, version.Version, version.Path, report.ToJson(), version.RegisteredAt)
            { EvaluatedOn = $"{options.Value.Data}/{split.ToString().ToLowerInvariant()}" }, cancellationToken);
        return report;
    }

    /// <summary>Alerts when the champion's AuC on the selection split is less than Selection:ChampionAlertAucOverGray
    /// points above the gray baseline's (default 0: an alert whenever it colors worse than leaving the photo gray).</summary>
    private async Task WatchChampionAsync(ModelRecord champion, EvaluationReport report, CancellationToken cancellationToken)
    {
        var margin = report.Model.Auc - report.GrayBaseline.Auc;
        if (margin >= options.Value.ChampionAlertAucOverGray) return;
        await alerts.TryRaiseAsync("champion-below-gray", $"{champion.Kind.Name()} champion {champion.Version} scores {margin:+0.00;-0.00} AuC points against gray",
            $"""
            Model: {champion.Kind.Name()}, champion {champion.Version}
            Evaluated on: {options.Value.Data}/{options.Value.Split.ToLowerInvariant()} ({report.Model.ImageCount} photos)
            AuC: {report.Model.Auc:F2}% (gray baseline {report.GrayBaseline.Auc:F2}%), threshold: {options.Value.ChampionAlertAucOverGray:+0.00;-0.00} points over gray
            PSNR: {report.Model.Psnr:F2} dB (gray {report.GrayBaseline.Psnr:F2}), colorfulness {report.Model.Colorfulness:F1}
            Roll back (colorpix models rollback {champion.Kind.Name()}) or register a better challenger.
            """, cancellationToken);
    }

    private LoadedDataset OpenDataset()
    {
        try
        {
            return LoadedDataset.Open(options.Value.Data, RepoPaths.FindRoot());
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or JsonException)
        {
            throw new SelectionDataException($"the selection's dataset '{options.Value.Data}' (Selection:Data) cannot be opened: {e.Message}", e);
        }
    }

    /// <summary>The decision as a run of the "colorpix-selection" experiment: one metric per version and role, the
    /// numbers as decision.json.</summary>
    private string RecordInMlflow(ModelKind kind, string on, SelectionDecision decision, string numbers)
    {
        var store = versions.Mlflow;
        using var run = store.StartRun(store.GetOrCreateExperiment("colorpix-selection"), $"select-{kind.Name()}-{clock.GetUtcNow():yyyyMMdd-HHmmss}",
            new Dictionary<string, string> { ["colorpix.kind"] = "selection", ["colorpix.outcome"] = decision.Promote ? "promoted" : "refused" });
        run.LogParams(new Dictionary<string, string>
        {
            ["model"] = kind.Name(), ["evaluated_on"] = on, ["winner"] = decision.Winner ?? "none",
            ["margin"] = options.Value.Margin.ToString(CultureInfo.InvariantCulture), ["min_ratings"] = options.Value.MinRatings.ToString(CultureInfo.InvariantCulture),
        });
        foreach (var score in decision.Scores)
        {
            run.LogMetric($"{score.Role}.{score.Version}.auc", score.Auc);
            run.LogMetric($"{score.Role}.{score.Version}.score", score.Score);
        }
        run.LogText(numbers, "decision.json");
        return run.RunId;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}

public sealed class SelectionDataException(string message, Exception inner) : Exception(message, inner);

/// <summary>Runs the selection every Selection:IntervalHours.</summary>
internal sealed class SelectionScheduleService(ModelSelection selection, IJobSchedule schedule, IOptions<SelectionOptions> options, TimeProvider clock,
    ILogger<SelectionScheduleService> log) : Hosting.ScheduledJob(schedule, clock, log)
{
    protected override string Job => ModelSelection.Job;
    protected override bool Enabled => options.Value.Enabled;
    protected override TimeSpan Interval => TimeSpan.FromHours(options.Value.IntervalHours);

    protected override Task RunAsync(CancellationToken cancellationToken) => selection.RunAsync("schedule", cancellationToken);
}
