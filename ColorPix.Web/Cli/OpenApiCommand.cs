using System.CommandLine;
using ColorPix.Web.Benchmarks;
using ColorPix.Web.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ColorPix.Web.Cli;

/// <summary>`colorpix openapi [--out FILE]`: the document exactly as /openapi/v1.json serves it, for the linter and the
/// client generator. Minimal APIs only describe their routes once the app runs, so it starts on a free loopback port
/// with a throwaway database and object folder, asks itself, and stops.</summary>
public static class OpenApiCommand
{
    private static readonly Option<FileInfo?> Out = new("--out") { Description = "Write to this file instead of standard output" };

    public static Command Create()
    {
        var command = new Command("openapi", "Print the OpenAPI document of the API (as served at /openapi/v1.json)") { Out };
        command.SetAction(async (parsed, ct) =>
        {
            var document = await FetchAsync(ct);
            if (parsed.GetValue(Out) is { } file) await File.WriteAllTextAsync(file.FullName, document, ct);
            else await parsed.InvocationConfiguration.Output.WriteAsync(document);
            return 0;
        });
        return command;
    }

    private static async Task<string> FetchAsync(CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("colorpix-openapi-").FullName;
        try
        {
            var settings = ThrowawayServerSettings.For(folder);
            settings["urls"] = "http://127.0.0.1:0";
            // The models are not needed, and their absence is no news here.
            settings["Logging:LogLevel:Default"] = "Error";
            await using var app = ColorPixApp.Build([], settings);
            await app.StartAsync(ct);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            var document = await http.GetStringAsync(OpenApi.DocumentPath, ct);
            await app.StopAsync(ct);
            return document;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
