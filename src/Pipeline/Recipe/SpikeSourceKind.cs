namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>Kinds of spike source (readers and generators come from the spike I/O part).</summary>
public enum SpikeSourceKind
{
    /// <summary>NEST 2 <c>.gdf</c> files (gid, time ms), several files k-way merged.</summary>
    Gdf,
    /// <summary>NEST 3 <c>.dat</c> files.</summary>
    NestDat,
    /// <summary>SONATA <c>spikes.h5</c>.</summary>
    Sonata,
    /// <summary>CSV (gid, t).</summary>
    Csv,
    /// <summary>Poisson generator at <see cref="SpikeSourceDescription.RateHz"/> per neuron.</summary>
    Poisson,
    /// <summary>Spikes given in the recipe itself (<see cref="SpikeSourceDescription.Spikes"/>).</summary>
    Inline,
    /// <summary>Live stream fed by the embedding program (channel / IAsyncEnumerable).</summary>
    Live,
}
