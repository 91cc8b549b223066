namespace ColorPix.Torch.Imaging;

/// <summary>File formats we read. <see cref="Image.Encode"/> writes Png and Jpeg only.</summary>
public enum ImageFormat { Jpeg, Png, WebP, Bmp, Tiff }

/// <summary>Resampling filters, with the native layer's codes.</summary>
public enum Interpolation { Nearest = 0, Bilinear = 1, Bicubic = 2, Area = 3 }
