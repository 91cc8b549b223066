namespace ColorPix.Web.Storage;

public enum ObjectStorageProvider { Local, S3 }

/// <summary>The "ObjectStorage" section: a local folder by default, any S3-compatible service (MinIO) when configured.</summary>
public sealed class ObjectStorageOptions
{
    public const string Section = "ObjectStorage";

    /// <summary>"local" or "s3"; when empty, s3 if <c>S3:ServiceUrl</c> is set, else local.</summary>
    public string? Provider { get; set; }

    /// <summary>The folder of the local store; relative paths are resolved against the repository root.</summary>
    public string LocalPath { get; set; } = "data/objects";

    public S3StorageOptions S3 { get; set; } = new();

    public OrphanSweepOptions Sweep { get; set; } = new();

    public ObjectStorageProvider ResolvedProvider => Provider?.Trim().ToLowerInvariant() switch
    {
        null or "" => string.IsNullOrWhiteSpace(S3.ServiceUrl) ? ObjectStorageProvider.Local : ObjectStorageProvider.S3,
        "local" => ObjectStorageProvider.Local,
        "s3" or "minio" => ObjectStorageProvider.S3,
        _ => throw new InvalidOperationException($"ObjectStorage:Provider '{Provider}' is unknown (expected local or s3)"),
    };
}

public sealed class S3StorageOptions
{
    /// <summary>The endpoint, e.g. http://minio:9000.</summary>
    public string? ServiceUrl { get; set; }
    public string? Bucket { get; set; }
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
    public string Region { get; set; } = "us-east-1";

    /// <summary>MinIO and most self-hosted servers only route path-style requests (http://host/bucket/key).</summary>
    public bool ForcePathStyle { get; set; } = true;
}

/// <summary>The background sweep of objects no row references (see <see cref="Objects.OrphanSweeper"/>).</summary>
public sealed class OrphanSweepOptions
{
    /// <summary>Minutes between sweeps; 0 turns the background sweep off.</summary>
    public int IntervalMinutes { get; set; } = 60;

    /// <summary>Objects younger than this are never swept: their row may still be on its way.</summary>
    public int GraceMinutes { get; set; } = 60;
}
