using ColorPix.Core.Models;
using ColorPix.Web.Benchmarks;

namespace ColorPix.Tests.Api.Infrastructure;

/// <summary>Tiny checkpoints of both models, written once per run, so the API tests never depend on the shipped models
/// and an inference takes milliseconds.</summary>
internal static class TestCheckpoints
{
    private static readonly Lazy<(string Folder, IReadOnlyDictionary<ModelKind, string> Paths)> Written = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("colorpix-api-models-").FullName;
        return (folder, TinyCheckpoints.Write(folder));
    });

    public static string PathOf(ModelKind kind) => Written.Value.Paths[kind];

    public static void Delete()
    {
        if (Written.IsValueCreated) Directory.Delete(Written.Value.Folder, recursive: true);
    }
}
