using System.Collections.Immutable;

namespace HybridLfp.Streaming.Pipeline.Recipe;

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
