using TorchSharp;
using static TorchSharp.torch;
using ColorPix.Core.Imaging;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ColorPix.Web.Hosting;

/// <summary>
/// The one place domain errors become RFC 9457 ProblemDetails: unsupported uploads 415, unreadable or oversized
/// images 422, an oversized body 413, a full inference queue or a storage outage 503 with Retry-After. Anything else is a 500 whose body
/// says nothing about the server's insides; the details go to the log.
/// </summary>
public sealed class ProblemMapping(IProblemDetailsService problems, ILogger<ProblemMapping> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, retryAfter) = Classify(exception);
        if (status == StatusCodes.Status500InternalServerError)
            log.LogError(exception, "unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        context.Response.StatusCode = status;
        if (retryAfter is { } seconds) context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    internal static (int Status, string Title, string? Detail, int? RetryAfter) Classify(Exception e) => e switch
    {
        UnsupportedImageException => (415, "Unsupported image", e.Message, null),
        ImageTooLargeException => (422, "Image too large", e.Message, null),
        CorruptImageException => (422, "Unreadable image", e.Message, null),
        ImageFormatException => (422, "Unreadable image", e.Message, null),
        Albums.AlbumRefusedException album => (album.Status, album.Title, e.Message, album.RetryAfterSeconds),
        BadHttpRequestException { StatusCode: 413 } => (413, "Upload too large", e.Message, null),
        BadHttpRequestException bad => (bad.StatusCode, "Bad request", e.Message, null),
        Core.Inference.QueueFullException full => (503, "Busy", e.Message, full.RetryAfterSeconds),
        Core.Inference.MemoryBusyException busy => (503, "Busy", e.Message, busy.RetryAfterSeconds),
        Core.Inference.ModelUnavailableException => (503, "Model unavailable", e.Message, 30),
        Core.Inference.ModelResizedException => (503, "Model being replaced", e.Message, 1),
        _ when Storage.StorageOutage.Is(e) => (503, "Storage unavailable",
            "the database or the object store cannot be reached right now; try again shortly", Storage.StorageOutage.RetryAfterSeconds),
        System.Runtime.InteropServices.ExternalException => (500, "Colorization failed", "the model could not process this image", null),
        _ => (500, "Internal error", "an unexpected error occurred; it has been logged", null),
    };
}
