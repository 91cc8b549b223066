namespace ColorPix.Web.Photos;

public static class PhotoRegistration
{
    /// <summary>The one way in for photos and the one way to colorize them.</summary>
    public static IHostApplicationBuilder AddColorPixPhotos(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PhotoIntake>();
        builder.Services.AddSingleton<PhotoColorizer>();
        return builder;
    }
}
