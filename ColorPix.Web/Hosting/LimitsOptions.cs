using System.ComponentModel.DataAnnotations;

namespace ColorPix.Web.Hosting;

/// <summary>The `Limits` section: request sizes and rates that keep one user from loading the server.</summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    [Range(1024, 512L * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 20L * 1024 * 1024;

    [Range(1, 400_000_000)]
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>Sign-in attempts per client address per minute.</summary>
    [Range(1, 10_000)]
    public int LoginPerMinute { get; set; } = 10;

    /// <summary>Requests per signed-in user per minute, all routes together.</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerMinute { get; set; } = 300;

    /// <summary>Uploads and colorizations per signed-in user per minute.</summary>
    [Range(1, 100_000)]
    public int ColorizePerMinute { get; set; } = 30;

    /// <summary>The whole request of an album upload (several photos, or one ZIP).</summary>
    [Range(1024, 8L * 1024 * 1024 * 1024)]
    public long MaxAlbumUploadBytes { get; set; } = 500L * 1024 * 1024;

    /// <summary>Photos in one album; a ZIP may hold as many entries again that are not photos (folders, system files).</summary>
    [Range(1, 10_000)]
    public int MaxAlbumPhotos { get; set; } = 200;

    /// <summary>The photos of a ZIP inflated, all together (each one is also held to <see cref="MaxUploadBytes"/>).</summary>
    [Range(1024, 64L * 1024 * 1024 * 1024)]
    public long MaxAlbumUncompressedBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>An entry that inflates to more than this many times its compressed size is taken for a ZIP bomb.
    /// Photos hardly compress (JPEG, PNG and WebP are compressed already); only an uncompressed BMP or TIFF of a flat
    /// area gets near it.</summary>
    [Range(2, 100_000)]
    public int MaxZipCompressionRatio { get; set; } = 100;

    /// <summary>Every entry a ZIP's directory may declare: photos and entries that are not.</summary>
    public int MaxZipEntries => 2 * MaxAlbumPhotos;
}
