using ColorPix.Web.Albums;

namespace ColorPix.Web.Photos;

public static class PhotoRegistration
{
    /// <summary>The one way in for photos (single uploads and albums), the one way to colorize them, and the albums.</summary>
    public static IHostApplicationBuilder AddColorPixPhotos(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PhotoIntake>();
        builder.Services.AddSingleton<PhotoColorizer>();
        builder.AddColorPixAlbums();
        return builder;
    }
}
