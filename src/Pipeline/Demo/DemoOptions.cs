namespace HybridLfp.Streaming.Pipeline.Demo;

/// <summary>Options of the self-contained demo run (<c>hlfp demo</c>). Defaults give the README's demo.</summary>
public sealed record DemoOptions
{
    /// <summary>Simulated duration, ms (a whole number of output samples).</summary>
    public double TstopMs { get; init; } = 500;

    /// <summary>Seed of the Poisson input and of every draw of the recipe.</summary>
    public ulong Seed { get; init; } = 20261122;

    /// <summary>Excitatory cells (pyramidal morphology).</summary>
    public int ExcitatoryCells { get; init; } = 40;

    /// <summary>Inhibitory cells (ball-and-stick morphology).</summary>
    public int InhibitoryCells { get; init; } = 10;

    /// <summary>Network neurons of the excitatory (first) and inhibitory (second) Poisson populations.</summary>
    public (int Excitatory, int Inhibitory) NetworkSize { get; init; } = (200, 50);

    /// <summary>Poisson rate per network neuron, Hz: excitatory, inhibitory.</summary>
    public (double Excitatory, double Inhibitory) RatesHz { get; init; } = (10, 20);
}
