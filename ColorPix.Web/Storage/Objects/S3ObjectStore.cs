using System.Net;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace ColorPix.Web.Storage.Objects;

/// <summary>Objects in one bucket of an S3-compatible service (MinIO in production, s3rver in the tests).</summary>
public sealed class S3ObjectStore : IObjectStore, IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly string _bucket;

    public S3ObjectStore(S3StorageOptions options)
    {
        _bucket = options.Bucket ?? throw new ArgumentException("ObjectStorage:S3:Bucket is empty", nameof(options));
        var config = new AmazonS3Config
        {
            ServiceURL = options.ServiceUrl,
            ForcePathStyle = options.ForcePathStyle,
            AuthenticationRegion = options.Region,
            // SDK 4 adds CRC checksums with trailing headers by default; MinIO versions and s3rver differ in
            // what they accept, and plain SigV4 is understood by all of them.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        _client = new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }

    /// <summary>Creates the bucket when it does not exist yet (at start, so that a fresh MinIO needs no manual step).</summary>
    public async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PingAsync(cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            await _client.PutBucketAsync(new PutBucketRequest { BucketName = _bucket }, cancellationToken);
        }
    }

    /// <summary>Nothing to do: a PutObject is atomic, an interrupted one leaves nothing in the bucket (no multipart
    /// uploads are started).</summary>
    public Task<int> DeleteAbandonedWritesAsync(DateTimeOffset before, CancellationToken cancellationToken) => Task.FromResult(0);

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken)
    {
        ObjectKeys.Validate(key);
        // The SDK signs the payload, which needs its length up front: buffer the rare unseekable stream (images are small).
        await using var buffered = content.CanSeek ? null : new MemoryStream();
        if (buffered is not null)
        {
            await content.CopyToAsync(buffered, cancellationToken);
            buffered.Position = 0;
        }
        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket,
            Key = key,
            InputStream = buffered ?? content,
            ContentType = contentType,
            AutoCloseStream = false,
            UseChunkEncoding = false,
        }, cancellationToken);
    }

    public async Task<StoredObject?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ObjectKeys.Validate(key);
        try
        {
            var response = await _client.GetObjectAsync(_bucket, key, cancellationToken);
            return new StoredObject(key, response.ResponseStream, response.Headers.ContentType ?? "application/octet-stream",
                response.ContentLength, ToOffset(response.LastModified));
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        ObjectKeys.Validate(key);
        await _client.DeleteObjectAsync(_bucket, key, cancellationToken); // S3 answers 204 for a missing key too
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        ObjectKeys.Validate(key);
        try
        {
            await _client.GetObjectMetadataAsync(_bucket, key, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = prefix };
        while (true)
        {
            var response = await _client.ListObjectsV2Async(request, cancellationToken);
            foreach (var item in response.S3Objects ?? [])
                yield return new ObjectInfo(item.Key, item.Size ?? 0, ToOffset(item.LastModified));
            if (response.IsTruncated != true) yield break;
            request.ContinuationToken = response.NextContinuationToken;
        }
    }

    public Task PingAsync(CancellationToken cancellationToken) =>
        _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, MaxKeys = 1 }, cancellationToken);

    public void Dispose() => _client.Dispose();

    private static DateTimeOffset ToOffset(DateTime? time) =>
        time is { } t ? new DateTimeOffset(t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : DateTime.SpecifyKind(t, DateTimeKind.Utc)) : DateTimeOffset.MinValue;
}
