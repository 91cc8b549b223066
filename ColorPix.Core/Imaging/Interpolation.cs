namespace ColorPix.Core.Imaging;

/// <summary>Resampling filters for <see cref="Image.Resize"/>.</summary>
public enum Interpolation
{
    Nearest,
    Bilinear,
    /// <summary>Keys cubic with a = -0.75, OpenCV's choice, so results match what the models were trained on.</summary>
    Bicubic,
    /// <summary>Each output pixel averages the input pixels it covers (OpenCV's INTER_AREA): no aliasing when
    /// shrinking. When enlarging there is nothing to average, and it behaves as <see cref="Bilinear"/>.</summary>
    Area,
}
