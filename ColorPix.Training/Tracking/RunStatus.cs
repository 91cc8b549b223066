namespace ColorPix.Training.Tracking;

/// <summary>MLflow's run status, with the integers its file store keeps in meta.yaml (mlflow/entities/run_status.py).</summary>
public enum RunStatus
{
    Running = 1,
    Scheduled = 2,
    Finished = 3,
    Failed = 4,
    Killed = 5,
}
