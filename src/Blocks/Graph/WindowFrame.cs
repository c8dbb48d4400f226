namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>
/// The output of one window: for every probe, the sum of each population and the total, each ChannelCount ×
/// SampleCount values row-major, in the probe's units. Buffers are pooled: a frame is valid until
/// <see cref="Dispose"/>, which the sink stage calls after every sink has seen it; sinks that keep data copy it.
/// </summary>
public sealed class WindowFrame : IDisposable
{
    private readonly SignalBufferPool? _pool;
    private bool _disposed;

    public WindowInfo Window { get; }

    public IReadOnlyList<ProbeLayout> Probes { get; }

    public IReadOnlyList<string> Populations { get; }

    /// <summary>PopulationSums[probe][population] (channels × samples).</summary>
    public double[][][] PopulationSums { get; }

    /// <summary>Totals[probe] (channels × samples): the sum over populations in population order.</summary>
    public double[][] Totals { get; }

    /// <summary>Synaptic events delivered in this window.</summary>
    public long EventCount { get; }

    public WindowFrame(WindowInfo window, IReadOnlyList<ProbeLayout> probes, IReadOnlyList<string> populations,
        double[][][] populationSums, double[][] totals, long eventCount, SignalBufferPool? pool)
    {
        Window = window;
        Probes = probes;
        Populations = populations;
        PopulationSums = populationSums;
        Totals = totals;
        EventCount = eventCount;
        _pool = pool;
    }

    /// <summary>Value of probe <paramref name="probe"/>, population <paramref name="population"/> (−1 = total), channel, sample within the window.</summary>
    public double Value(int probe, int population, int channel, int sample)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var buffer = population < 0 ? Totals[probe] : PopulationSums[probe][population];
        return buffer[(channel * Window.SampleCount) + sample];
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_pool is null)
        {
            return;
        }

        foreach (var perPopulation in PopulationSums)
        {
            foreach (var buffer in perPopulation)
            {
                _pool.Return(buffer);
            }
        }

        foreach (var buffer in Totals)
        {
            _pool.Return(buffer);
        }
    }
}
