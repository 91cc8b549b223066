using Microsoft.AspNetCore.WebUtilities;

namespace ColorPix.Web.Hosting;

/// <summary>
/// Problems the framework writes itself (status code pages after a 401 challenge, a 403, an unknown route; Kestrel's
/// 413) carry no detail, and ASP.NET Core has no RFC type for 429. Clients are promised type, title, status and detail
/// on every error, so the missing members are filled here.
/// </summary>
public static class ProblemDefaults
{
    public const string TooManyRequestsType = "https://tools.ietf.org/html/rfc6585#section-4";

    public static void Fill(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (status == StatusCodes.Status429TooManyRequests) problem.Type ??= TooManyRequestsType;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(status);
        problem.Detail ??= status switch
        {
            StatusCodes.Status400BadRequest => "a parameter is missing or malformed",
            StatusCodes.Status401Unauthorized => "send 'Authorization: Bearer <token>' with a valid, unexpired token from POST /token",
            StatusCodes.Status403Forbidden => "this route is for administrators",
            StatusCodes.Status404NotFound => "no such route",
            StatusCodes.Status405MethodNotAllowed => "this route does not accept this method",
            StatusCodes.Status413PayloadTooLarge => "the request body is over the upload limit",
            StatusCodes.Status415UnsupportedMediaType => "send the photo as multipart/form-data",
            _ => ReasonPhrases.GetReasonPhrase(status),
        };
    }
}
