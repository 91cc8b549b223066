namespace ColorPix.Web.Albums;

/// <summary>An album upload refused as a whole (too many entries, too large inflated, a ZIP bomb, no photo in it);
/// ProblemMapping answers it with its status. A photo that is refused on its own is reported in the album instead.</summary>
public sealed class AlbumRefusedException(int status, string title, string detail, int? retryAfterSeconds = null) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public int? RetryAfterSeconds { get; } = retryAfterSeconds;

    public static AlbumRefusedException TooLarge(string detail) => new(StatusCodes.Status413PayloadTooLarge, "Album too large", detail);

    public static AlbumRefusedException Bomb(string detail) => new(StatusCodes.Status422UnprocessableEntity, "ZIP refused", detail);
}
