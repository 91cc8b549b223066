namespace ColorPix.Web.Albums;

public static class AlbumRegistration
{
    /// <summary>Album uploads and the background worker that colorizes them.</summary>
    public static IHostApplicationBuilder AddColorPixAlbums(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AlbumOptions>().BindConfiguration(AlbumOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<AlbumSignal>();
        builder.Services.AddSingleton<AlbumIntake>();
        builder.Services.AddHostedService<AlbumWorker>();
        return builder;
    }
}
