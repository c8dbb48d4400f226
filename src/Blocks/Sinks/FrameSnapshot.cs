using HybridLfp.Streaming.Blocks.Graph;

namespace HybridLfp.Streaming.Blocks.Sinks;

/// <summary>An owned copy of a <see cref="WindowFrame"/> (for consumers that keep frames, e.g. <c>IAsyncEnumerable</c>).</summary>
public sealed class FrameSnapshot
{
    public WindowInfo Window { get; }

    public IReadOnlyList<ProbeLayout> Probes { get; }

    public IReadOnlyList<string> Populations { get; }

    /// <summary>PopulationSums[probe][population] (channels × samples, row-major).</summary>
    public double[][][] PopulationSums { get; }

    /// <summary>Totals[probe] (channels × samples, row-major).</summary>
    public double[][] Totals { get; }

    public FrameSnapshot(WindowFrame frame)
    {
        Window = frame.Window;
        Probes = frame.Probes;
        Populations = frame.Populations;
        PopulationSums = frame.PopulationSums.Select(p => p.Select(b => (double[])b.Clone()).ToArray()).ToArray();
        Totals = frame.Totals.Select(b => (double[])b.Clone()).ToArray();
    }
}
