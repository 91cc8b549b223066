namespace ColorPix.Web.Monitoring;

/// <summary>The `Drift` section: the recent uploads compared with the photos a model was trained on.</summary>
public sealed class DriftOptions
{
    public const string Section = "Drift";

    public bool Enabled { get; set; } = true;

    /// <summary>Hours between scheduled checks (one replica runs each, claimed through the database).</summary>
    public double IntervalHours { get; set; } = 24;

    /// <summary>The dataset whose train split is the reference (data/splits/NAME.json).</summary>
    public string Reference { get; set; } = "sample";

    /// <summary>How many of the newest uploads are compared; fewer than MinWindow: no verdict.</summary>
    public int Window { get; set; } = 200;
    public int MinWindow { get; set; } = 30;

    /// <summary>PSI thresholds (the usual rule of thumb): from MinorPsi a feature has moved, from MajorPsi an alert is mailed.</summary>
    public double MinorPsi { get; set; } = 0.1;
    public double MajorPsi { get; set; } = 0.25;

    /// <summary>A feature counts as drifting only when the KS test also rejects "same distribution" at this level.</summary>
    public double KsAlpha { get; set; } = 0.01;

    public IEnumerable<string> Problems()
    {
        if (!(IntervalHours is > 0 and <= 24 * 366)) yield return "IntervalHours must be between 0 (excluded) and a year";
        if (MinWindow < 2 || Window < MinWindow) yield return "MinWindow must be at least 2 and Window at least MinWindow";
        if (!(MinorPsi > 0 && MajorPsi >= MinorPsi)) yield return "MinorPsi must be above 0 and MajorPsi at least MinorPsi";
        if (!(KsAlpha is > 0 and < 1)) yield return "KsAlpha must be between 0 and 1";
        if (string.IsNullOrWhiteSpace(Reference)) yield return "Reference is required";
    }
}
