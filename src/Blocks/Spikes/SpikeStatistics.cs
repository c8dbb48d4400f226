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
        var spikes = chunk.Spikes;
        // Make sure every population index in the chunk has its entry, then work on a plain array.
        int maxPopulation = -1;
        foreach (ref readonly var spike in spikes)
        {
            maxPopulation = Math.Max(maxPopulation, spike.Population);
        }

        while (maxPopulation >= byIndex.Count)
        {
            byIndex.Add(Get(chunk.Populations[byIndex.Count]));
        }

        var table = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(byIndex);
        var previous = _previous;
        long violations = 0;
        foreach (ref readonly var spike in spikes)
        {
            // Stream order: time, then the packed (node id, population) key.
            if (spike.TimeMs < previous.TimeMs || (spike.TimeMs == previous.TimeMs && spike.IdPopulationKey < previous.IdPopulationKey))
            {
                violations++;
            }

            previous = spike;
            table[spike.Population].Add(spike.TimeMs, spike.NodeId);
        }

        _previous = previous;
        OrderViolations += violations;
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
