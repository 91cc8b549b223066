namespace ColorPix.Web.Hosting;

/// <summary>The OpenAPI tags, one per endpoint group: the names generated clients group operations by, and the
/// descriptions /docs shows.</summary>
public static class ApiTags
{
    public const string Service = "service";
    public const string Auth = "auth";
    public const string Images = "images";
    public const string Colorize = "colorize";
    public const string Albums = "albums";
    public const string Preferences = "preferences";
    public const string Admin = "admin";

    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        [Service] = "Is the service up, its version, queues and models: open to everyone",
        [Auth] = "Sign up, sign in for a bearer token, change the password, delete an account",
        [Images] = "Upload photos, list them, download originals and colorizations, consent, deletion: the owner's only",
        [Colorize] = "Colorize an uploaded photo with both models (or the preferred one)",
        [Albums] = "Upload several photos or one ZIP as an album, follow its colorization, download its results as one ZIP",
        [Preferences] = "The signed-in user's settings (preferred model, default consent) and ratings of results",
        [Admin] = "Administrators only: users and the model registry (versions, promotion, rollback, evaluation, selection)",
    };
}
