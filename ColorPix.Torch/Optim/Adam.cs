using ColorPix.Torch.Native;

namespace ColorPix.Torch.Optim;

/// <summary>
/// torch.optim.Adam (L2 weight decay, no amsgrad). Its state (step, first and second moments) can be
/// saved and restored, so a resumed run continues exactly.
/// </summary>
public sealed class Adam : IDisposable
{
    private readonly Tensor[] parameters;
    private readonly Tensor[] expAvg;
    private readonly Tensor[] expAvgSq;

    public double LearningRate { get; set; }
    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Eps { get; }
    public double WeightDecay { get; }
    public long Step { get; private set; }

    public Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weight_decay = 0)
    {
        if (lr <= 0) throw new ArgumentOutOfRangeException(nameof(lr), lr, "learning rate must be positive");
        if (beta1 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "beta1 must be in [0, 1)");
        if (beta2 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "beta2 must be in [0, 1)");
        this.parameters = parameters.ToArray();
        LearningRate = lr;
        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
        WeightDecay = weight_decay;
        expAvg = this.parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
        expAvgSq = this.parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
    }

    public void zero_grad()
    {
        foreach (var p in parameters) p.zero_grad();
    }

    public unsafe void step()
    {
        Step++;
        var p = Handles(parameters);
        var m = Handles(expAvg);
        var v = Handles(expAvgSq);
        fixed (IntPtr* pp = p, pm = m, pv = v)
            NativeMethods.Check(NativeMethods.cpx_optim_adam_step(pp, pm, pv, p.Length, Step, LearningRate, Beta1, Beta2, Eps, WeightDecay));
        GC.KeepAlive(this);
    }

    private static IntPtr[] Handles(Tensor[] tensors) => tensors.Select(t => t.Handle.DangerousGetHandle()).ToArray();

    /// <summary>Named state tensors ("exp_avg.3", "exp_avg_sq.3", "step"), ready for a checkpoint.</summary>
    public IReadOnlyDictionary<string, Tensor> state_dict()
    {
        var state = new Dictionary<string, Tensor>();
        for (var i = 0; i < parameters.Length; i++)
        {
            state[$"exp_avg.{i}"] = expAvg[i];
            state[$"exp_avg_sq.{i}"] = expAvgSq[i];
        }
        return state;
    }

    public void load_state_dict(IReadOnlyDictionary<string, Tensor> state, long step)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            if (!state.TryGetValue($"exp_avg.{i}", out var m) || !state.TryGetValue($"exp_avg_sq.{i}", out var v))
                throw new TorchException($"optimizer state lacks the moments of parameter {i}");
            if (!m.shape.SequenceEqual(expAvg[i].shape) || !v.shape.SequenceEqual(expAvgSq[i].shape))
                throw new TorchException($"optimizer state of parameter {i} has the wrong shape");
            expAvg[i].copy_(m);
            expAvgSq[i].copy_(v);
        }
        Step = step;
    }

    public void Dispose()
    {
        foreach (var t in expAvg.Concat(expAvgSq)) t.Dispose();
    }
}
