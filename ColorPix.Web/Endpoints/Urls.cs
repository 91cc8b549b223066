using ColorPix.Core.Models;

namespace ColorPix.Web.Endpoints;

/// <summary>Download URLs handed to clients; all relative to the service root, all owner-only.</summary>
public static class Urls
{
    public static string Original(Guid id) => $"/images/{id:D}/original";
    public static string Thumbnail(Guid id) => $"/images/{id:D}/thumbnail";
    public static string Result(Guid id, ModelKind model) => $"/images/{id:D}/results/{model.Name()}";
    public static string ResultJpeg(Guid id, ModelKind model) => $"{Result(id, model)}?format=jpeg";
    public static string ResultThumbnail(Guid id, ModelKind model) => $"{Result(id, model)}/thumbnail";
    public static string Album(Guid id) => $"/albums/{id:D}";
    public static string AlbumDownload(Guid id) => $"{Album(id)}/download";
}
