namespace ColorPix.Training.Tracking;

/// <summary>MLflow's standard tag keys (mlflow/utils/mlflow_tags.py).</summary>
public static class MlflowTags
{
    public const string RunName = "mlflow.runName";
    public const string User = "mlflow.user";
    public const string SourceType = "mlflow.source.type";
    public const string SourceName = "mlflow.source.name";
    public const string GitCommit = "mlflow.source.git.commit";
    public const string Note = "mlflow.note.content";
    public const string ParentRunId = "mlflow.parentRunId";
}
