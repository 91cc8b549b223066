using Microsoft.Extensions.Options;

namespace ColorPix.Web.Storage;

/// <summary>Refuses a misconfigured storage at start, naming the key to fix, rather than at the first request.</summary>
internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var errors = new List<string>();
        var provider = ProviderResolution.Resolve(() => options.ResolvedProvider, errors);

        if (provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
            errors.Add("Database:Provider is postgres but Database:ConnectionString is empty");
        if (provider == DatabaseProvider.Sqlite && !string.IsNullOrWhiteSpace(options.ConnectionString))
            errors.Add("Database:ConnectionString is for PostgreSQL but Database:Provider is sqlite: remove one of them");
        if (provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(options.SqlitePath))
            errors.Add("Database:SqlitePath is empty");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

internal sealed class ObjectStorageOptionsValidator : IValidateOptions<ObjectStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, ObjectStorageOptions options)
    {
        var errors = new List<string>();
        var provider = ProviderResolution.Resolve(() => options.ResolvedProvider, errors);

        if (provider == ObjectStorageProvider.Local && string.IsNullOrWhiteSpace(options.LocalPath))
            errors.Add("ObjectStorage:LocalPath is empty");
        if (provider == ObjectStorageProvider.S3) errors.AddRange(S3Errors(options.S3));
        if (options.Sweep.IntervalMinutes < 0) errors.Add("ObjectStorage:Sweep:IntervalMinutes must be 0 (off) or more");
        if (options.Sweep.GraceMinutes < 1) errors.Add("ObjectStorage:Sweep:GraceMinutes must be at least 1");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static IEnumerable<string> S3Errors(S3StorageOptions s3)
    {
        if (!Uri.TryCreate(s3.ServiceUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            yield return $"ObjectStorage:S3:ServiceUrl must be an http(s) URL, not '{s3.ServiceUrl}'";
        if (string.IsNullOrWhiteSpace(s3.Bucket) || !IsBucketName(s3.Bucket))
            yield return $"ObjectStorage:S3:Bucket '{s3.Bucket}' is not a bucket name (3-63 of a-z 0-9 . -)";
        if (string.IsNullOrWhiteSpace(s3.AccessKey)) yield return "ObjectStorage:S3:AccessKey is empty";
        if (string.IsNullOrWhiteSpace(s3.SecretKey)) yield return "ObjectStorage:S3:SecretKey is empty";
        if (string.IsNullOrWhiteSpace(s3.Region)) yield return "ObjectStorage:S3:Region is empty";
    }

    private static bool IsBucketName(string name) =>
        name.Length is >= 3 and <= 63 && name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '.' or '-')
        && char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1]);
}

internal static class ProviderResolution
{
    /// <summary>The resolved provider, or null with the reason added to <paramref name="errors"/>.</summary>
    public static T? Resolve<T>(Func<T> resolve, List<string> errors) where T : struct, Enum
    {
        try { return resolve(); }
        catch (InvalidOperationException e)
        {
            errors.Add(e.Message);
            return null;
        }
    }
}
