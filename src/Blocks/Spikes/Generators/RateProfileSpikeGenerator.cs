using System.Runtime.CompilerServices;

namespace HybridLfp.Streaming.Blocks.Spikes.Generators;

/// <summary>
/// raster_maker's <c>make_save_spikes</c>: unit i of the population fires as an inhomogeneous Poisson process with
/// rate <c>meanRatesHz[i] × profiles[i mod profiles.Length][bin]</c> (Hz), bins of <paramref name="binMs"/> starting
/// at <paramref name="startMs"/>. Negative profile values count as 0. Spikes are emitted bin by bin in stream order;
/// deterministic by seed. Memory: the profiles plus one bin of spikes.
/// </summary>
public sealed class RateProfileSpikeGenerator(
    GeneratedPopulation population,
    IReadOnlyList<double> meanRatesHz,
    IReadOnlyList<double[]> profiles,
    double binMs,
    double startMs,
    ulong seed) : ISpikeSource
{
    public string Name => population.Name;

    public bool IsLive => false;

    public SpikePopulationTable Populations { get; } = new([population.Name]);

    public async IAsyncEnumerable<SpikeChunk> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        if (meanRatesHz.Count != population.Count)
        {
            throw new ArgumentException($"{population.Name}: {meanRatesHz.Count} mean rates for {population.Count} units");
        }

        var rng = new SpikeRandom(seed, 0xB1AE5UL);
        int bins = profiles.Count == 0 ? 0 : profiles.Min(p => p.Length);
        var bin = new List<SpikeEvent>();
        var chunk = SpikeChunk.Rent(Populations);
        for (int k = 0; k < bins; k++)
        {
            double t0 = startMs + k * binMs;
            double t1 = t0 + binMs;
            bin.Clear();
            for (int i = 0; i < population.Count; i++)
            {
                double ratePerMs = meanRatesHz[i] * Math.Max(profiles[i % profiles.Count][k], 0.0) / 1000.0;
                if (ratePerMs <= 0)
                {
                    continue;
                }

                for (double t = t0 + rng.NextExponential(ratePerMs); t < t1; t += rng.NextExponential(ratePerMs))
                {
                    bin.Add(new SpikeEvent(t, population.FirstNodeId + i, 0));
                }
            }

            var spikes = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bin);
            SpikeEventComparer.SortInPlace(spikes);
            foreach (var spike in bin)
            {
                chunk.Add(spike);
                if (chunk.IsFull)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    chunk.WatermarkMs = spike.TimeMs;
                    yield return chunk;
                    chunk = SpikeChunk.Rent(Populations);
                }
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
