using ColorPix.Core.Inference;
using ColorPix.Core.Models;
using ColorPix.Training.Registry;
using ColorPix.Web.Alerts;
using ColorPix.Web.Storage.Metadata;
using Microsoft.Extensions.Options;

namespace ColorPix.Web.Lifecycle;

public static class LifecycleRegistration
{
    /// <summary>The model registry and its lifecycle: the services the CLI verbs need (no background work).</summary>
    public static IServiceCollection AddColorPixRegistry(this IServiceCollection services)
    {
        services.AddOptions<RegistryOptions>().BindConfiguration(RegistryOptions.Section).ValidateOnStart();
        services.AddOptions<SelectionOptions>().BindConfiguration(SelectionOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RegistryOptions>>(new SectionValidator<RegistryOptions>(RegistryOptions.Section, o => o.Problems()));
        services.AddSingleton<IValidateOptions<SelectionOptions>>(new SectionValidator<SelectionOptions>(SelectionOptions.Section, o => o.Problems()));
        services.AddColorPixAlerts();
        services.AddSingleton<ModelVersions>();
        services.AddSingleton<ChampionSync>();
        services.AddSingleton<ModelPromotion>();
        services.AddSingleton<ModelSelection>();
        return services;
    }

    /// <summary>The registry in the server: the configured checkpoints registered at start, the champion followed, the
    /// selection scheduled.</summary>
    public static IHostApplicationBuilder AddColorPixLifecycle(this IHostApplicationBuilder builder)
    {
        builder.Services.AddColorPixRegistry();
        builder.Services.AddHostedService<ModelRegistryStartup>();
        builder.Services.AddHostedService<ChampionSyncService>();
        builder.Services.AddHostedService<SelectionScheduleService>();
        return builder;
    }
}

/// <summary>An options section's own Problems(), reported as "Section:problem" at start.</summary>
internal sealed class SectionValidator<T>(string section, Func<T, IEnumerable<string>> problems) : IValidateOptions<T> where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var found = problems(options).Select(p => $"{section}:{p}").ToList();
        return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
    }
}

/// <summary>
/// Before the server listens: the configured (by default the shipped) checkpoints are registered, each becomes champion
/// of its kind if the kind has none (the first start), and this process loads the database's champions. A configured
/// checkpoint that is not champion stays a challenger for the selection to judge.
/// </summary>
internal sealed class ModelRegistryStartup(ModelCatalog catalog, IModelRegistry registry, IModelDecisionStore decisions, ModelVersions versions,
    ChampionSync sync, TimeProvider clock, ILogger<ModelRegistryStartup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var model in catalog.Describe())
        {
            if (model.Info is not { } info)
            {
                log.LogWarning("model {Model} is unavailable: {Problem}", model.Kind.Name(), model.Problem);
                continue;
            }
            await versions.RegisterAsync(info.Path, new RegistrationDetails(TrainingLineage.Unknown), cancellationToken, checkedInfo: info);
            if (await registry.SetChampionAsync(info.Kind, info.Version, clock.GetUtcNow(), cancellationToken, onlyIfNone: true))
            {
                versions.MirrorAlias((await registry.GetAsync(info.Kind, info.Version, cancellationToken))!, ModelVersions.ChampionAlias);
                await decisions.AddAsync(new NewModelDecision(info.Kind, DecisionTrigger.Promote, true, null, info.Version,
                    $"first start: the configured checkpoint {info.Path} became champion", "{}", null, "startup", clock.GetUtcNow()), cancellationToken);
            }
        }
        await sync.SyncAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
