using System.Text.Json;

namespace ColorPix.Training;

/// <summary>
/// checkpoints/RUN/: last/ (model.safetensors + training.safetensors, rewritten each epoch), best/ (the model with
/// the lowest validation loss and its metrics.json), samples/epoch-NNN.png.
/// </summary>
public sealed record RunLayout(string Root)
{
    public string Last => Path.Combine(Root, "last");
    public string LastModel => Path.Combine(Last, "model.safetensors");
    public string LastTraining => Path.Combine(Last, "training.safetensors");
    public string Best => Path.Combine(Root, "best");
    public string BestModel => Path.Combine(Best, "model.safetensors");
    public string SampleGrid(int epoch) => Path.Combine(Root, "samples", $"epoch-{epoch:D3}.png");

    public void PromoteLastToBest(int epoch, IReadOnlyDictionary<string, double> train, IReadOnlyDictionary<string, double> validation)
    {
        Directory.CreateDirectory(Best);
        File.Copy(LastModel, BestModel + ".tmp", overwrite: true);
        File.Move(BestModel + ".tmp", BestModel, overwrite: true);
        var metrics = new { epoch, train, validation };
        File.WriteAllText(Path.Combine(Best, "metrics.json"), JsonSerializer.Serialize(metrics, new JsonSerializerOptions { WriteIndented = true }));
    }
}
