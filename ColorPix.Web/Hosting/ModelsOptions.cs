namespace ColorPix.Web.Hosting;

/// <summary>The `Models` section: which checkpoint each model is served from, and where inference runs.</summary>
public sealed class ModelsOptions
{
    public const string Section = "Models";

    /// <summary>Relative paths are inside the clone. Default: the shipped checkpoints/KIND/model.safetensors.</summary>
    public string? AutoEncoder { get; set; }
    public string? Pix2Pix { get; set; }
    public string Device { get; set; } = "cpu";
}
