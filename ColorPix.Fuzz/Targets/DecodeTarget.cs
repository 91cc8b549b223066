using ColorPix.Core.Imaging;

namespace ColorPix.Fuzz.Targets;

/// <summary>
/// <see cref="Image.Decode"/> with the options of its callers: an upload (the default pixel cap, full size, RGB) and
/// the reduced decode of the drift check and the data pipeline (MinSide, KeepGray), whose JPEG and WebP paths
/// differ. Skia's codecs are native and not instrumented: AFL is guided by the managed code around them (probe,
/// completeness check, orientation, resizing) and still sees every crash inside them.
/// </summary>
public class DecodeTarget : IFuzzTarget
{
    private static readonly ImageDecodeOptions[] Callers = [ImageDecodeOptions.Default, new() { MinSide = 16, KeepGray = true }];

    public virtual string Name => "decode";

    public virtual void Run(ReadOnlySpan<byte> input)
    {
        foreach (var options in Callers) DecodeOnce(input, options);
    }

    public bool IsRefusal(Exception exception) => exception is ImageFormatException;

    /// <summary>Decodes, refusals included, without leaving an image undisposed: a leak on a refusal path is a finding too.</summary>
    private static void DecodeOnce(ReadOnlySpan<byte> input, ImageDecodeOptions options)
    {
        var liveBefore = Image.LiveCount;
        try
        {
            using var image = Image.Decode(input, options);
        }
        finally
        {
            if (Image.LiveCount != liveBefore)
                throw new InvalidOperationException($"{Image.LiveCount - liveBefore} image(s) left undisposed by a decode");
        }
    }
}
