using ColorPix.Core.Engine;
using ColorPix.Core.Data;
using ColorPix.Core.Inference;
using ColorPix.Core.Models;
using TorchSharp;
using static TorchSharp.torch;
using ColorPix.Web.Storage.Metadata;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ColorPix.Web.Hosting;

public static class InferenceRegistration
{
    /// <summary>Both models loaded once, in this process, behind one micro-batching queue per model.</summary>
    public static IHostApplicationBuilder AddColorPixInference(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ModelsOptions>().BindConfiguration(ModelsOptions.Section)
            .Validate(o => ParseDevice(o.Device) is not null, "Models:Device must be cpu, cuda or cuda:N").ValidateOnStart();
        services.AddOptions<InferenceOptions>().BindConfiguration("Inference").ValidateOnStart();
        services.AddSingleton<IValidateOptions<InferenceOptions>, InferenceOptionsValidator>();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<ModelsOptions>>().Value;
            var root = RepoPaths.FindRoot();
            string PathOf(string? configured, ModelKind kind) =>
                configured is { Length: > 0 } ? (Path.IsPathRooted(configured) ? configured : Path.Combine(root, configured)) : RepoPaths.ShippedModel(root, kind.Name());
            return ModelCatalog.Load(new Dictionary<ModelKind, string>
            {
                [ModelKind.AutoEncoder] = PathOf(o.AutoEncoder, ModelKind.AutoEncoder),
                [ModelKind.Pix2Pix] = PathOf(o.Pix2Pix, ModelKind.Pix2Pix),
            }, Devices.Parse(o.Device));
        });
        services.AddSingleton(sp =>
        {
            var queue = new ColorizationQueue(sp.GetRequiredService<ModelCatalog>(), sp.GetRequiredService<IOptions<InferenceOptions>>().Value);
            queue.BatchServed += sp.GetRequiredService<Monitoring.ServiceMetrics>().RecordBatch;
            return queue;
        });
        services.AddHealthChecks().AddCheck<ModelsHealthCheck>("models", tags: [Storage.StorageServiceCollectionExtensions.ReadyTag]);
        return builder;
    }

    internal static Device? ParseDevice(string device)
    {
        try { return Devices.Parse(device); }
        catch (ArgumentException) { return null; }
    }
}

/// <summary>The queue is built at the first colorization: without this, a bad Inference section would pass the
/// start and turn every colorization into a 500.</summary>
internal sealed class InferenceOptionsValidator : IValidateOptions<InferenceOptions>
{
    public ValidateOptionsResult Validate(string? name, InferenceOptions options)
    {
        var problems = options.Problems().Select(p => $"Inference:{p}").ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

/// <summary>Ready when at least one model is loaded; degraded when one of the two is missing.</summary>
internal sealed class ModelsHealthCheck(ModelCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var models = catalog.Describe();
        var missing = models.Where(m => !m.IsAvailable).Select(m => $"{m.Kind.Name()}: {m.Problem}").ToList();
        return Task.FromResult(missing.Count == 0 ? HealthCheckResult.Healthy("both models loaded")
            : missing.Count < models.Count ? HealthCheckResult.Degraded(string.Join("; ", missing))
            : HealthCheckResult.Unhealthy(string.Join("; ", missing)));
    }
}
