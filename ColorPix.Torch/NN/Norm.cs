namespace ColorPix.Torch.NN;

/// <summary>BatchNorm2d with PyTorch's parameters and buffers (weight, bias, running_mean, running_var,
/// num_batches_tracked), so checkpoints line up with PyTorch state dicts.</summary>
public sealed class BatchNorm2d : Module
{
    public Tensor weight { get; }
    public Tensor bias { get; }
    public Tensor running_mean { get; }
    public Tensor running_var { get; }
    public Tensor num_batches_tracked { get; }
    public double Eps { get; }
    public double Momentum { get; }

    public BatchNorm2d(long num_features, double eps = 1e-5, double momentum = 0.1)
    {
        Eps = eps;
        Momentum = momentum;
        weight = RegisterParameter("weight", torch.ones(num_features));
        bias = RegisterParameter("bias", torch.zeros(num_features));
        running_mean = RegisterBuffer("running_mean", torch.zeros(num_features));
        running_var = RegisterBuffer("running_var", torch.ones(num_features));
        num_batches_tracked = RegisterBuffer("num_batches_tracked", torch.zeros([], ScalarType.Int64));
    }

    public override Tensor forward(Tensor input)
    {
        if (training) num_batches_tracked.add_(1);
        return F.batch_norm(input, running_mean, running_var, weight, bias, training, Momentum, Eps);
    }
}

/// <summary>InstanceNorm2d; like PyTorch's default, without affine parameters or running statistics.</summary>
public sealed class InstanceNorm2d(long numFeatures, double eps = 1e-5) : Module
{
    public long NumFeatures { get; } = numFeatures;
    public double Eps { get; } = eps;

    public override Tensor forward(Tensor input) => F.instance_norm(input, eps: Eps);
}
