using System.Text.Json.Serialization;

namespace ColorPix.Web.Endpoints;

// What the API sends and receives. snake_case where the spec's FastAPI-style clients expect it (token response).

public sealed record AliveResponse(string Service, string Version, string Status);

public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt);

public sealed record SignUpRequest(string? Username, string? Password);

public sealed record ChangePasswordRequest(
    [property: JsonPropertyName("current_password")] string? CurrentPassword,
    [property: JsonPropertyName("new_password")] string? NewPassword);

public sealed record UserResponse(long Id, string Username, bool IsAdmin, int PreferredModel, bool DefaultConsent, DateTimeOffset CreatedAt);

public sealed record UploadResponse(Guid Id, int Width, int Height, string Format, bool WasGrayscale, bool Consent, string? Note);

public sealed record ResultResponse(string Model, string ModelVersion, string Url, string ThumbnailUrl, string JpegUrl, long DurationMs, int? Rating);

public sealed record ColorizeResponse(Guid Id, bool WasGrayscale, string OriginalUrl, IReadOnlyList<ResultResponse> Results);

public sealed record ImageResponse(Guid Id, DateTimeOffset CreatedAt, int Width, int Height, string Format, bool WasGrayscale, bool Consent,
    string OriginalUrl, string ThumbnailUrl, IReadOnlyList<ResultResponse> Results);

public sealed record ImagePageResponse(long Total, int Offset, int Limit, IReadOnlyList<ImageResponse> Items);

public sealed record PreferenceResponse(int PreferredModel, string Name);

public sealed record RatingResponse(Guid Id, string Model, int Rating);

public sealed record ConsentResponse(Guid Id, bool Consent);

/// <summary>A registered version (or, with an empty version, a kind that has none yet). <c>Active</c> is the champion;
/// <c>Loaded</c>: this process serves it now. Ratings are those of results this very version made.</summary>
public sealed record ModelResponse(string Model, string Version, string Path, bool Active, bool Loaded, string? Problem,
    DateTimeOffset? RegisteredAt, object? Metrics, double? MeanRating, long Ratings, string Status, string? EvaluatedOn, string? RunId, string? Dataset,
    string? CheckpointKey, int? MlflowVersion, DateTimeOffset? ChampionSince);

public sealed record RegisterModelRequest(string? Checkpoint, string? RunId, string? Dataset);

public sealed record DecisionResponse(long Id, string Model, string Trigger, bool Promoted, string? ChampionVersion, string? ChallengerVersion,
    string Reason, object? Numbers, string? MlflowRunId, string DecidedBy, DateTimeOffset DecidedAt);

public sealed record AlertResponse(long Id, string Kind, string Subject, string Body, string Status, int Attempts, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? SentAt);

/// <summary>An album's progress: <c>Total</c> photos accepted, of which <c>Done</c>, <c>Failed</c> and <c>Pending</c>;
/// entries <c>Refused</c> (not valid photos) and <c>Skipped</c> (not photos: folders, hidden or system files) are
/// listed but not counted in the total. <c>State</c> is "processing" while any photo is pending, then "done".</summary>
public sealed record AlbumSummaryResponse(Guid Id, string Name, DateTimeOffset CreatedAt, string State, int Total, int Done, int Failed,
    int Pending, int Refused, int Skipped, string Url, string DownloadUrl);

public sealed record AlbumPageResponse(long Total, int Offset, int Limit, IReadOnlyList<AlbumSummaryResponse> Items);

/// <summary>One entry of the upload, in upload order. <c>Status</c>: pending, done, failed, refused, skipped; <c>Problem</c>
/// says why for the last three (and, for a pending photo, why it waits).</summary>
public sealed record AlbumEntryResponse(int Position, string Name, string Status, string? Problem, Guid? ImageId, string? OriginalUrl,
    string? ThumbnailUrl, IReadOnlyList<AlbumResultResponse> Results);

public sealed record AlbumResultResponse(string Model, string Url, string ThumbnailUrl, string JpegUrl);

public sealed record AlbumResponse(AlbumSummaryResponse Album, IReadOnlyList<AlbumEntryResponse> Entries);
