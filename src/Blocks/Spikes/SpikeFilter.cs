using System.Collections.Immutable;

namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>
/// Selection as bluepysnap's <c>filter(group, t_start, t_stop)</c>: population names, node-id ranges (inclusive)
/// and a time window [<see cref="TStartMs"/>, <see cref="TStopMs"/>] (both inclusive). Empty/null = no restriction.
/// </summary>
public sealed record SpikeFilter
{
    /// <summary>Populations to keep (names); empty keeps all.</summary>
    public ImmutableArray<string> Populations { get; init; } = [];

    /// <summary>Node-id ranges to keep, inclusive; empty keeps all.</summary>
    public ImmutableArray<(long First, long Last)> NodeIdRanges { get; init; } = [];

    /// <summary>Earliest time kept (ms, inclusive).</summary>
    public double? TStartMs { get; init; }

    /// <summary>Latest time kept (ms, inclusive).</summary>
    public double? TStopMs { get; init; }

    /// <summary>True when the spike passes every criterion (population given by name).</summary>
    public bool Accepts(in SpikeEvent spike, string population)
    {
        if (TStartMs is double start && spike.TimeMs < start)
        {
            return false;
        }

        if (TStopMs is double stop && spike.TimeMs > stop)
        {
            return false;
        }

        if (!Populations.IsDefaultOrEmpty && !Populations.Contains(population))
        {
            return false;
        }

        if (NodeIdRanges.IsDefaultOrEmpty)
        {
            return true;
        }

        foreach (var (first, last) in NodeIdRanges)
        {
            if (spike.NodeId >= first && spike.NodeId <= last)
            {
                return true;
            }
        }

        return false;
    }
}
