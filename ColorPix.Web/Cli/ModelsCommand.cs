using System.CommandLine;
using ColorPix.Core.Data;
using ColorPix.Core.Inference;
using ColorPix.Core.Models;
using ColorPix.Training.Registry;
using ColorPix.Web.Lifecycle;
using ColorPix.Web.Storage;
using ColorPix.Web.Storage.Metadata;
using Spectre.Console;

namespace ColorPix.Web.Cli;

/// <summary>
/// `colorpix models list|register|promote|rollback|evaluate|select`: the registry from the command line, on the
/// database and object store configured for serve. Running servers follow a change at their next sync.
/// </summary>
public static class ModelsCommand
{
    private static readonly Argument<string> Kind = new("model") { Description = "autoencoder or pix2pix" };
    private static readonly Argument<string> Version = new("version") { Description = "A registered version (see `models list`)" };

    public static Command Create()
    {
        var models = new Command("models", "The model registry: versions, champion, promotion, rollback, evaluation, selection");

        var list = new Command("list", "Every registered version with its status, metrics and lineage");
        list.SetAction((parsed, ct) => WithRegistry(parsed, ct, async (services, console) =>
        {
            var table = new Table().AddColumns("model", "version", "status", "AuC (%)", "evaluated on", "run", "dataset", "registered");
            foreach (var m in await services.GetRequiredService<IModelRegistry>().ListAsync(ct))
                table.AddRow(Markup.Escape(m.Kind.Name()), Markup.Escape(m.Version), m.Status.ToString().ToLowerInvariant(), AucOf(m.MetricsJson),
                    Markup.Escape(m.EvaluatedOn ?? "–"), Markup.Escape(m.RunId?[..8] ?? "–"), Markup.Escape(m.Dataset ?? "–"), m.RegisteredAt.ToString("u"));
            console.Write(table);
            return 0;
        }));

        var checkpoint = new Argument<string>("checkpoint") { Description = "The checkpoint file, e.g. checkpoints/RUN/best/model.safetensors" };
        var runId = new Option<string?>("--run-id") { Description = "The MLflow run that trained it (default: found from checkpoints/RUN in mlruns/)" };
        var data = new Option<string?>("--data") { Description = "The dataset it was trained on (default: the run's)" };
        var register = new Command("register", "Register a checkpoint as a challenger (checked, stored in the object store)") { checkpoint, runId, data };
        register.SetAction((parsed, ct) => WithRegistry(parsed, ct, async (services, console) =>
        {
            var path = parsed.GetValue(checkpoint)!;
            if (!File.Exists(path)) throw new ArgumentException($"no checkpoint at {path}");
            var versions = services.GetRequiredService<ModelVersions>();
            var info = ModelCatalog.Check(path); // loaded and checked once: the kind for the lineage, the version to register
            var found = TrainingLineage.Find(versions.Mlflow, info.Kind, path, RepoPaths.CheckpointsFolder(RepoPaths.FindRoot()));
            var lineage = new TrainingLineage(parsed.GetValue(runId) ?? found.RunId, parsed.GetValue(data) ?? found.Dataset);
            var record = await versions.RegisterAsync(path, new RegistrationDetails(lineage), ct, checkedInfo: info);
            console.MarkupLine($"registered {record.Kind.Name()} {Markup.Escape(record.Version)} as {record.Status.ToString().ToLowerInvariant()} " +
                $"(object {Markup.Escape(record.CheckpointKey ?? "")}, run {Markup.Escape(record.RunId ?? "unknown")}, dataset {Markup.Escape(record.Dataset ?? "unknown")})");
            return 0;
        }));

        var promote = new Command("promote", "Make a version champion (checked first; a broken one is refused)") { Kind, Version };
        promote.SetAction((parsed, ct) => WithRegistry(parsed, ct, async (services, console) =>
            Report(console, await services.GetRequiredService<ModelPromotion>().PromoteAsync(ParseKind(parsed), parsed.GetValue(Version)!,
                DecisionTrigger.Promote, Environment.UserName, ct))));

        var rollbackKind = new Argument<string>("model") { Description = "autoencoder or pix2pix" };
        var rollback = new Command("rollback", "Make the previous champion champion again") { rollbackKind };
        rollback.SetAction((parsed, ct) => WithRegistry(parsed, ct, async (services, console) =>
            Report(console, await services.GetRequiredService<ModelPromotion>().RollbackAsync(ModelKinds.Parse(parsed.GetValue(rollbackKind)!), Environment.UserName, ct))));

        var evaluate = new Command("evaluate", "Evaluate a version on the selection's split (Selection:Data, Selection:Split) and record it") { Kind, Version };
        evaluate.SetAction((parsed, ct) => WithRegistry(parsed, ct, async (services, console) =>
        {
            var kind = ParseKind(parsed);
            var record = await services.GetRequiredService<IModelRegistry>().GetAsync(kind, parsed.GetValue(Version)!, ct)
                ?? throw new ArgumentException($"{kind.Name()} version {parsed.GetValue(Version)} is not registered");
            var report = await services.GetRequiredService<ModelSelection>().EvaluateAsync(record, ct);
            console.MarkupLine($"{kind.Name()} {Markup.Escape(record.Version)}: AuC {report.Model.Auc:F2}% (gray {report.GrayBaseline.Auc:F2}%), " +
                $"PSNR {report.Model.Psnr:F2} dB (gray {report.GrayBaseline.Psnr:F2}), colorfulness {report.Model.Colorfulness:F1}, {report.Model.ImageCount} images");
            return 0;
        }));

        var select = new Command("select", "Run the best-model selection now, as the schedule does");
        select.SetAction((parsed, ct) => WithRegistry(parsed, ct, async (services, console) =>
        {
            var decisions = await services.GetRequiredService<ModelSelection>().RunAsync(Environment.UserName, ct);
            if (decisions.Count == 0) console.MarkupLine("no challenger to evaluate");
            foreach (var decision in decisions) Report(console, decision);
            return 0;
        }));

        foreach (var verb in new[] { list, register, promote, rollback, evaluate, select }) models.Subcommands.Add(verb);
        return models;
    }

    private static ModelKind ParseKind(ParseResult parsed) => ModelKinds.Parse(parsed.GetValue(Kind)!);

    /// <summary>A decision in one line; a refusal exits 1 (the champion did not change).</summary>
    private static int Report(IAnsiConsole console, ModelDecision decision)
    {
        console.MarkupLine($"{(decision.Promoted ? "promoted" : "refused")}: {Markup.Escape(decision.Reason)}");
        return decision.Promoted ? 0 : 1;
    }

    private static string AucOf(string metricsJson)
    {
        using var document = System.Text.Json.JsonDocument.Parse(metricsJson);
        return document.RootElement.TryGetProperty("model", out var model) && model.TryGetProperty("auc", out var auc) ? $"{auc.GetDouble():F2}" : "–";
    }

    private static async Task<int> WithRegistry(ParseResult parsed, CancellationToken ct, Func<IServiceProvider, IAnsiConsole, Task<int>> work)
    {
        await using var storage = await StandaloneStorage.OpenAsync(ct, services =>
        {
            // No model is served here: the catalog is empty, promotion still checks a version by loading it.
            services.AddSingleton(_ => ModelCatalog.Load(new Dictionary<ModelKind, string>()));
            services.AddColorPixRegistry();
        });
        try
        {
            return await work(storage.Services, CliApp.ConsoleFor(parsed.InvocationConfiguration.Output));
        }
        catch (PromotionException e)
        {
            throw new ArgumentException(e.Message);
        }
    }
}
