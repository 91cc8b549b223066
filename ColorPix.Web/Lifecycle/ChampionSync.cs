using ColorPix.Core.Engine;
using ColorPix.Core.Inference;
using ColorPix.Core.Models;
using ColorPix.Web.Storage.Metadata;
using Microsoft.Extensions.Options;

namespace ColorPix.Web.Lifecycle;

/// <summary>
/// Makes this process serve the database's champion of each kind: fetched, loaded beside the current model, checked,
/// then swapped in atomically (<see cref="ModelCatalog.Replace"/>). A champion that cannot be loaded here is not
/// retried until the champion changes; the model already loaded keeps serving and /status says why.
/// </summary>
public sealed class ChampionSync(ModelCatalog catalog, IModelRegistry registry, ModelVersions versions, ILogger<ChampionSync> log)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<ModelKind, string> failedHere = [];

    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var kind in Enum.GetValues<ModelKind>())
                if (await registry.GetChampionAsync(kind, cancellationToken) is { } champion) await ServeAsync(champion, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task ServeAsync(ModelRecord champion, CancellationToken cancellationToken)
    {
        var kind = champion.Kind;
        var serving = catalog.Describe(kind).Info?.Version;
        if (serving == champion.Version)
        {
            if (failedHere.Remove(kind)) catalog.ReportProblem(kind, null);
            return;
        }
        if (failedHere.GetValueOrDefault(kind) == champion.Version) return;
        try
        {
            var path = await versions.FetchAsync(champion, cancellationToken);
            await Task.Run(() => catalog.Replace(kind, path), cancellationToken);
            failedHere.Remove(kind);
            catalog.ReportProblem(kind, null);
            log.LogInformation("now serving {Model} {Version} (was {Previous})", kind.Name(), champion.Version, serving ?? "none");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failedHere[kind] = champion.Version;
            var problem = $"champion {champion.Version} cannot be served here: {EngineErrors.MessageOf(e)}" + (serving is null ? "" : $"; still serving {serving}");
            catalog.ReportProblem(kind, problem);
            log.LogError("{Problem}", problem);
        }
    }
}

/// <summary>Polls the registry every Registry:SyncSeconds: replicas sharing a database agree within that interval.</summary>
internal sealed class ChampionSyncService(ChampionSync sync, IOptions<RegistryOptions> options, ILogger<ChampionSyncService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SyncSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await sync.SyncAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning("champion sync failed, retrying in {Seconds} s: {Error}", options.Value.SyncSeconds, e.Message);
            }
        }
    }
}
