namespace ColorPix.Torch.NN;

/// <summary>Runs its children in order; they are named "0", "1", ... as in PyTorch.</summary>
public sealed class Sequential : Module
{
    private readonly List<Module> layers = [];

    public Sequential(params Module[] modules)
    {
        foreach (var m in modules) Append(m);
    }

    public Sequential Append(Module module)
    {
        layers.Add(RegisterModule(layers.Count.ToString(), module));
        return this;
    }

    public int Count => layers.Count;
    public Module this[int index] => layers[index];

    public override Tensor forward(Tensor input)
    {
        // Intermediate results belong to the caller's dispose scope, as in any other forward.
        var x = input;
        foreach (var layer in layers) x = layer.forward(x);
        return x;
    }
}

public sealed class ReLU : Module
{
    public override Tensor forward(Tensor input) => input.relu();
}

public sealed class LeakyReLU(double negativeSlope = 0.01) : Module
{
    public double NegativeSlope { get; } = negativeSlope;
    public override Tensor forward(Tensor input) => input.leaky_relu(NegativeSlope);
}

public sealed class Tanh : Module
{
    public override Tensor forward(Tensor input) => input.tanh();
}

public sealed class Sigmoid : Module
{
    public override Tensor forward(Tensor input) => input.sigmoid();
}

public sealed class Dropout(double p = 0.5) : Module
{
    public double P { get; } = p;
    public override Tensor forward(Tensor input) => F.dropout(input, P, training);
}

/// <summary>Returns its input; a placeholder where a configuration leaves a layer out.</summary>
public sealed class Identity : Module
{
    public override Tensor forward(Tensor input) => input.alias();
}
