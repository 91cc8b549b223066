namespace ColorPix.Web.Storage.Metadata;

/// <summary>The object keys held by image rows and their colorizations, for a filter on images (alias i).
/// Deletions and the sweeper use the same query so that neither can forget a column.</summary>
internal static class ObjectKeySql
{
    public static string KeysOfImages(string imageFilter) => $"""
        SELECT i.original_key FROM images i WHERE {imageFilter}
        UNION ALL SELECT i.thumbnail_key FROM images i WHERE {imageFilter}
        UNION ALL SELECT c.result_key FROM colorizations c JOIN images i ON i.id = c.image_id WHERE {imageFilter}
        UNION ALL SELECT c.result_thumbnail_key FROM colorizations c JOIN images i ON i.id = c.image_id WHERE {imageFilter}
        """;
}
