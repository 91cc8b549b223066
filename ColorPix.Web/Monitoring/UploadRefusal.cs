using ColorPix.Core.Imaging;

namespace ColorPix.Web.Monitoring;

/// <summary>
/// Why an upload was refused, as a bounded label: the statuses the upload route answers (ImageEndpoints, ProblemMapping,
/// the rate limiter, Kestrel's body limit), with 422 split by its cause, since both causes are worth telling apart.
/// </summary>
public static class UploadRefusal
{
    public static readonly string[] Reasons =
        ["bad_request", "unauthorized", "too_large", "unsupported_format", "too_many_pixels", "unreadable", "rate_limited", "busy", "error"];

    public static string ReasonOf(int status, Exception? error) => status switch
    {
        400 => "bad_request",
        401 => "unauthorized",
        413 => "too_large",
        415 => "unsupported_format",
        422 when error is ImageTooLargeException => "too_many_pixels",
        422 => "unreadable",
        429 => "rate_limited",
        503 => "busy",
        _ => "error",
    };
}

/// <summary>Marks the route whose outcomes are counted as uploads (colorpix_uploads_total) or refusals.</summary>
public sealed class CountsUploads
{
    public static readonly CountsUploads Instance = new();
}
