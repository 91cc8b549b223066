using ColorPix.Training.Registry;

namespace ColorPix.Web.Lifecycle;

/// <summary>The `Registry` section: where checkpoints are cached, how often replicas look for a new champion, and the
/// MLflow folder its registry layout is mirrored in.</summary>
public sealed class RegistryOptions
{
    public const string Section = "Registry";

    /// <summary>Every replica serves the database's champion within this many seconds of a promotion.</summary>
    public double SyncSeconds { get; set; } = 5;

    /// <summary>Checkpoints fetched from the object store, by kind and version (relative: inside the clone).</summary>
    public string CacheDirectory { get; set; } = "data/model-cache";

    /// <summary>The MLflow file store mirrored (relative: inside the clone).</summary>
    public string Mlruns { get; set; } = "mlruns";

    public IEnumerable<string> Problems()
    {
        if (!(SyncSeconds is > 0 and <= 3600)) yield return "SyncSeconds must be between 0 (excluded) and 3600";
        if (string.IsNullOrWhiteSpace(CacheDirectory)) yield return "CacheDirectory is required";
        if (string.IsNullOrWhiteSpace(Mlruns)) yield return "Mlruns is required";
    }
}

/// <summary>The `Selection` section: the scheduled best-model selection (see <see cref="SelectionRules"/>).</summary>
public sealed class SelectionOptions
{
    public const string Section = "Selection";

    public bool Enabled { get; set; } = true;

    /// <summary>Hours between two selections (24: daily). The first one runs at the first start.</summary>
    public double IntervalHours { get; set; } = 24;

    /// <summary>The dataset (data/splits/NAME.json) and split every version is evaluated on.</summary>
    public string Data { get; set; } = "sample";
    public string Split { get; set; } = "test";

    public double Margin { get; set; } = 0.5;
    public int MinRatings { get; set; } = 20;
    public double AucPerStar { get; set; } = 2.0;
    public double MinColorfulness { get; set; } = 15;

    /// <summary>An alert is mailed when the champion's AuC is less than this many points above the gray baseline's.</summary>
    public double ChampionAlertAucOverGray { get; set; }

    public SelectionRules Rules => new(Margin, MinRatings, AucPerStar, MinColorfulness);

    public IEnumerable<string> Problems()
    {
        if (!(IntervalHours is > 0 and <= 24 * 366)) yield return "IntervalHours must be between 0 (excluded) and a year";
        if (!Enum.TryParse<Core.Data.Split>(Split, ignoreCase: true, out _)) yield return "Split must be train, val or test";
        foreach (var problem in Rules.Problems()) yield return problem;
    }
}
