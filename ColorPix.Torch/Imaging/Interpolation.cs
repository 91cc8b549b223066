namespace ColorPix.Torch.Imaging;

/// <summary>Resampling filters, with the native layer's codes.</summary>
public enum Interpolation { Nearest = 0, Bilinear = 1, Bicubic = 2, Area = 3 }
