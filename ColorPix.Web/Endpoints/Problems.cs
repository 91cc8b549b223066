using Microsoft.AspNetCore.Http.HttpResults;

namespace ColorPix.Web.Endpoints;

/// <summary>ProblemDetails results for handlers' expected failures (exceptions go through ProblemMapping).</summary>
public static class Problems
{
    public static ProblemHttpResult BadRequest(string detail) => TypedResults.Problem(detail, statusCode: 400, title: "Invalid request");
    public static ProblemHttpResult Unauthorized(string detail) => TypedResults.Problem(detail, statusCode: 401, title: "Not signed in");
    public static ProblemHttpResult Forbidden(string detail) => TypedResults.Problem(detail, statusCode: 403, title: "Forbidden");
    public static ProblemHttpResult Conflict(string detail) => TypedResults.Problem(detail, statusCode: 409, title: "Conflict");

    /// <summary>The same answer for another user's image and a missing one: ids reveal nothing.</summary>
    public static ProblemHttpResult ImageNotFound() => TypedResults.Problem("no such image", statusCode: 404, title: "Not found");

    public static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(detail, statusCode: 404, title: "Not found");
    public static ProblemHttpResult TooLarge(string detail) => TypedResults.Problem(detail, statusCode: 413, title: "Upload too large");
    public static ProblemHttpResult Unprocessable(string detail) => TypedResults.Problem(detail, statusCode: 422, title: "Refused");
    public static ProblemHttpResult Unavailable(string detail) => TypedResults.Problem(detail, statusCode: 503, title: "Unavailable");
}
