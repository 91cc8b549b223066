namespace ColorPix.Core.Data;

/// <summary>A loader thread failed; the original error is the inner exception.</summary>
public sealed class DataLoaderException(string message, Exception inner) : Exception(message, inner);
