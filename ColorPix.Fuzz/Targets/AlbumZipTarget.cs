using ColorPix.Core.Imaging;
using ColorPix.Web.Albums;
using ColorPix.Web.Hosting;

namespace ColorPix.Fuzz.Targets;

/// <summary>
/// An album sent as one ZIP (<see cref="AlbumZip"/>) with the service's default limits: the checks of its end record
/// and directory, then every photo entry inflated. System.IO.Compression is framework code, not instrumented: AFL is
/// guided by the checks around it (ZipDirectory, AlbumZip) and sees every exception that escapes it.
/// </summary>
public sealed class AlbumZipTarget : IFuzzTarget
{
    private static readonly LimitsOptions Limits = new();

    public string Name => "album-zip";

    public void Run(ReadOnlySpan<byte> input)
    {
        using var stream = new MemoryStream(input.ToArray(), writable: false);
        using var archive = AlbumZip.Open(stream, Limits);
        foreach (var part in AlbumZip.Parts(archive, stream.Length, Limits))
            if (part.Skip is null && part.Length <= Limits.MaxUploadBytes) part.ReadAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public bool IsRefusal(Exception exception) => exception is AlbumRefusedException or ImageFormatException;
}
