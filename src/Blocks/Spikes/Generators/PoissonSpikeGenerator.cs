using System.Runtime.CompilerServices;

namespace HybridLfp.Streaming.Blocks.Spikes.Generators;

/// <summary>Rate of one Poisson population, as hybridLFPy's CachedNoiseNetwork <c>frate</c> (rate or (onset, rate, offset)).</summary>
/// <param name="Population">The units.</param>
/// <param name="RateHz">Rate of each unit (Hz = spikes/s).</param>
/// <param name="OnsetMs">Start of firing (ms, inclusive).</param>
/// <param name="OffsetMs">End of firing (ms, exclusive); null = until the end of the simulation.</param>
public sealed record PoissonPopulationDescription(GeneratedPopulation Population, double RateHz, double OnsetMs = 0, double? OffsetMs = null);

/// <summary>
/// Independent homogeneous Poisson spike trains per unit, generated directly in time order: the superposition of a
/// population's N trains is a Poisson process of rate N·r whose spikes belong to uniformly drawn units. Populations
/// are k-way merged. Each population draws from its own stream of (seed, population index): deterministic by seed.
/// Memory: one chunk per population.
/// </summary>
public sealed class PoissonSpikeGenerator : ISpikeSource
{
    private readonly IReadOnlyList<PoissonPopulationDescription> _populations;
    private readonly double _tStopMs;
    private readonly ulong _seed;

    /// <param name="populations">Populations and rates.</param>
    /// <param name="tStopMs">End of the generated interval (ms, exclusive).</param>
    /// <param name="seed">Seed.</param>
    public PoissonSpikeGenerator(IReadOnlyList<PoissonPopulationDescription> populations, double tStopMs, ulong seed)
    {
        _populations = populations;
        _tStopMs = tStopMs;
        _seed = seed;
        foreach (var p in populations)
        {
            Populations.GetOrAdd(p.Population.Name);
        }
    }

    public string Name => "poisson";

    public bool IsLive => false;

    public SpikePopulationTable Populations { get; } = new();

    public IAsyncEnumerable<SpikeChunk> ReadAsync(CancellationToken cancellationToken = default)
    {
        var sources = _populations.Select((p, i) => (ISpikeSource)new Single(p, i, _tStopMs, _seed)).ToList();
        return new SpikeTimeMerge(Name, sources).ReadAsync(cancellationToken);
    }

    /// <summary>
    /// Writes independent per-unit Poisson trains in (node id, time) order, unit by unit (for files declared
    /// <c>sorting = by_id</c>). Each unit draws from its own stream of (seed, population, unit), so these spikes
    /// differ from the time-ordered <see cref="ReadAsync"/> realisation of the same statistics. Returns the count.
    /// </summary>
    public long WriteByNodeId(ISpikeWriter writer)
    {
        long count = 0;
        var chunk = SpikeChunk.Rent(Populations);
        try
        {
            for (int p = 0; p < _populations.Count; p++)
            {
                var description = _populations[p];
                int index = Populations.GetOrAdd(description.Population.Name);
                double end = Math.Min(description.OffsetMs ?? _tStopMs, _tStopMs);
                double ratePerMs = description.RateHz / 1000.0;
                if (ratePerMs <= 0)
                {
                    continue;
                }

                for (int u = 0; u < description.Population.Count; u++)
                {
                    var rng = new SpikeRandom(_seed, ((ulong)(p + 1) << 40) + (ulong)u);
                    for (double t = description.OnsetMs + rng.NextExponential(ratePerMs); t < end; t += rng.NextExponential(ratePerMs))
                    {
                        chunk.Add(new SpikeEvent(t, description.Population.FirstNodeId + u, index));
                        count++;
                        if (chunk.IsFull)
                        {
                            writer.Write(chunk);
                            chunk.Dispose();
                            chunk = SpikeChunk.Rent(Populations);
                        }
                    }
                }
            }

            writer.Write(chunk);
        }
        finally
        {
            chunk.Dispose();
        }

        return count;
    }

    private sealed class Single(PoissonPopulationDescription description, int index, double tStopMs, ulong seed) : ISpikeSource
    {
        public string Name => description.Population.Name;

        public bool IsLive => false;

        public SpikePopulationTable Populations { get; } = new([description.Population.Name]);

        public async IAsyncEnumerable<SpikeChunk> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            var rng = new SpikeRandom(seed, (ulong)index);
            var population = description.Population;
            double end = Math.Min(description.OffsetMs ?? tStopMs, tStopMs);
            double totalRatePerMs = population.Count * description.RateHz / 1000.0;
            if (totalRatePerMs <= 0 || end <= description.OnsetMs)
            {
                yield break;
            }

            double t = description.OnsetMs;
            var chunk = SpikeChunk.Rent(Populations);
            while (true)
            {
                t += rng.NextExponential(totalRatePerMs);
                if (t >= end)
                {
                    break;
                }

                chunk.Add(new SpikeEvent(t, population.FirstNodeId + rng.NextInt64(population.Count), 0));
                if (chunk.IsFull)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    chunk.WatermarkMs = t;
                    yield return chunk;
                    chunk = SpikeChunk.Rent(Populations);
                }
            }

            if (chunk.Count > 0)
            {
                chunk.WatermarkMs = double.PositiveInfinity;
                yield return chunk;
            }
            else
            {
                chunk.Dispose();
            }
        }
    }
}
