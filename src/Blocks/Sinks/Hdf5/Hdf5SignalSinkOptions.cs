namespace HybridLfp.Streaming.Blocks.Sinks.Hdf5;

/// <summary>Options of <see cref="Hdf5SignalSink"/>. Copied at construction.</summary>
public sealed record Hdf5SignalSinkOptions
{
    /// <summary>
    /// Samples per chunk along time; null = about 64 KiB per chunk (8192 / channels samples, at least 64).
    /// Each dataset's chunk spans all its channels.
    /// </summary>
    public int? ChunkSamples { get; init; }

    /// <summary>Also write hybridLFPy's files (<c>&lt;Probe&gt;_sum.h5</c>, <c>populations/&lt;y&gt;_population_&lt;Probe&gt;.h5</c>).</summary>
    public bool HybridLfpyFiles { get; init; } = true;

    /// <summary>
    /// Flush every file after each window, so a process killed without completing still leaves the samples so far
    /// readable (costs one metadata write per window and file). Completion always flushes and closes.
    /// </summary>
    public bool FlushEveryWindow { get; init; }

    public static Hdf5SignalSinkOptions Default { get; } = new();
}
