using System.Collections.Immutable;

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

/// <summary>One spike: presynaptic gid and time, ms.</summary>
public readonly record struct SpikeEvent(long Gid, double TimeMs);

/// <summary>
/// Where a network population's spikes come from. Only the fields of its <see cref="Kind"/> are used.
/// </summary>
public sealed record SpikeSourceDescription
{
    public required SpikeSourceKind Kind { get; init; }

    /// <summary>Absolute paths of the spike files (file kinds).</summary>
    public ImmutableArray<string> Files { get; init; } = [];

    /// <summary>Rate per neuron, Hz (Poisson).</summary>
    public double? RateHz { get; init; }

    /// <summary>Spikes given inline, time-sorted or not (Inline).</summary>
    public ImmutableArray<SpikeEvent> Spikes { get; init; } = [];

    /// <summary>SONATA population name inside the file; null = the population's own name.</summary>
    public string? SonataPopulation { get; init; }
}
