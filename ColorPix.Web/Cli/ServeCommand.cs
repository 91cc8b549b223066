using System.CommandLine;
using ColorPix.Web.Hosting;

namespace ColorPix.Web.Cli;

/// <summary>`colorpix serve [--urls URL]`: the HTTP API with both models, until Ctrl-C.</summary>
public static class ServeCommand
{
    private static readonly Option<string> Urls = new("--urls") { Description = "Addresses to listen on", DefaultValueFactory = _ => "http://127.0.0.1:8080" };

    public static Command Create()
    {
        var command = new Command("serve", "Serve the colorization API (Swagger UI at /docs)") { Urls };
        command.SetAction(async (parsed, cancellation) =>
        {
            var app = ColorPixApp.Build([], new Dictionary<string, string?> { ["urls"] = parsed.GetValue(Urls) });
            await app.RunAsync(cancellation);
            return 0;
        });
        return command;
    }
}
