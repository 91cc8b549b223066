using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ColorPix.Web.Storage;
using ColorPix.Web.Storage.Metadata;

namespace ColorPix.Web.Hosting;

/// <summary>ASP.NET Core's rate limiter, "to control the server's load" as the spec says: sign-in attempts per client
/// address, requests and colorizations per user. A refusal is a 429 ProblemDetails with Retry-After. On PostgreSQL, the
/// replicas' database, the windows are counted there (<see cref="SharedWindowLimiter"/>), so the limits hold across
/// replicas: a proxy could count addresses, but not users, whose identity is inside the bearer token.</summary>
public static class RateLimits
{
    public const string Login = "login";
    public const string PerUser = "per-user";
    public const string Colorize = "colorize";

    public static IHostApplicationBuilder AddColorPixRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = WriteRejection;
            options.AddPolicy(Login, http => Window(http, $"login:{ClientAddress(http)}", Limits(http).LoginPerMinute));
            options.AddPolicy(PerUser, http => Window(http, $"user:{UserKey(http)}", Limits(http).RequestsPerMinute));
            options.AddPolicy(Colorize, http => Window(http, $"colorize:{UserKey(http)}", Limits(http).ColorizePerMinute));
        });
        builder.Services.AddHostedService<RateLimitPruning>();
        return builder;
    }

    private static LimitsOptions Limits(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value;

    public static readonly TimeSpan WindowLength = TimeSpan.FromMinutes(1);

    /// <summary>Whether the windows are counted in the database. A SQLite file is one machine's, so one process's: its
    /// windows are counted in memory. On SQLite the shared count made every limited request a write transaction:
    /// measured with wrk on GET /user_imgs, 8 connections, 6,600 -> 1,700 requests/s and a 550 ms worst latency; on
    /// PostgreSQL 1,360 -> 890 requests/s, worst 40 ms.</summary>
    internal static bool CountedInDatabase(IDbConnectionFactory connections) => connections.Provider == DatabaseProvider.Postgres;

    private static RateLimitPartition<string> Window(HttpContext http, string bucket, int permits)
    {
        if (!CountedInDatabase(http.RequestServices.GetRequiredService<IDbConnectionFactory>()))
            return RateLimitPartition.GetFixedWindowLimiter(bucket, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits, Window = WindowLength, QueueLimit = 0, AutoReplenishment = true,
            });
        var store = http.RequestServices.GetRequiredService<IRateLimitStore>();
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        return RateLimitPartition.Get(bucket, key => new SharedWindowLimiter(store, clock, key, permits, WindowLength));
    }

    private static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static string UserKey(HttpContext http) =>
        http.User.FindFirstValue("sub") ?? http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? ClientAddress(http);

    private static async ValueTask WriteRejection(OnRejectedContext context, CancellationToken cancellation)
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
        var http = context.HttpContext;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"try again in {seconds} s",
            },
        });
    }
}
