using System.CommandLine;

namespace ColorPix.Web.Cli;

/// <summary>Options that every verb accepts, before or after the verb's name.</summary>
public static class GlobalOptions
{
    public static readonly Option<int> Threads = new("--threads")
    {
        Description = "Intra-op threads for libtorch (default: one per core)",
        HelpName = "N",
        Recursive = true,
        CustomParser = ParsePositiveInt,
    };

    // One message for 0, -3 and "abc" alike, instead of the parser's type-conversion error.
    private static int ParsePositiveInt(System.CommandLine.Parsing.ArgumentResult result)
    {
        var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (int.TryParse(token, out var value) && value > 0) return value;
        result.AddError($"--threads must be a positive whole number, got '{token}'");
        return 0;
    }
}
