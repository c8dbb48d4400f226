namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>Per-population statistics of a whole stream, plus a check that it really is in stream order.</summary>
public sealed class SpikeStatistics
{
    private readonly Dictionary<string, SpikePopulationStatistics> _byName = new(StringComparer.Ordinal);
    private SpikeEvent _previous = new(double.NegativeInfinity, 0, 0);

    /// <summary>Statistics by population name, in order of first appearance in the source's table.</summary>
    public IReadOnlyDictionary<string, SpikePopulationStatistics> Populations => _byName;

    /// <summary>Populations in table order (including ones without spikes).</summary>
    public List<string> Order { get; } = [];

    /// <summary>Number of stream-order violations seen (must be 0).</summary>
    public long OrderViolations { get; private set; }

    /// <summary>Reads the whole source and summarises it.</summary>
    public static async Task<SpikeStatistics> CollectAsync(ISpikeSource source, CancellationToken cancellationToken = default)
    {
        var statistics = new SpikeStatistics();
        var byIndex = new List<SpikePopulationStatistics>();
        await foreach (var chunk in source.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            using (chunk)
            {
                statistics.Accumulate(chunk, byIndex);
            }
        }

        foreach (var name in source.Populations.Snapshot())
        {
            statistics.Get(name);
        }

        return statistics;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Accumulate(SpikeChunk chunk, List<SpikePopulationStatistics> byIndex)
    {
        var comparer = default(SpikeEventComparer);
        foreach (ref readonly var spike in chunk.Spikes)
        {
            while (spike.Population >= byIndex.Count)
            {
                byIndex.Add(Get(chunk.Populations[byIndex.Count]));
            }

            if (comparer.Compare(_previous, spike) > 0)
            {
                OrderViolations++;
            }

            _previous = spike;
            byIndex[spike.Population].Add(spike.TimeMs, spike.NodeId);
        }
    }

    private SpikePopulationStatistics Get(string name)
    {
        if (!_byName.TryGetValue(name, out var stats))
        {
            stats = new SpikePopulationStatistics();
            _byName.Add(name, stats);
            Order.Add(name);
        }

        return stats;
    }
}
