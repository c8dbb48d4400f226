using System.Runtime.CompilerServices;

namespace HybridLfp.Streaming.Blocks.Spikes.Generators;

/// <summary>
/// hybridLFPy's CachedFixedSpikesNetwork: every unit of population i spikes at <c>activationTimes[i]</c> (ms);
/// a population may also be given several times. Output is in stream order (time, then node id).
/// </summary>
public sealed class FixedActivationSpikeGenerator : ISpikeSource
{
    private readonly List<(double TimeMs, int Population, GeneratedPopulation Units)> _activations = [];

    /// <param name="populations">Each population with its activation times (ms).</param>
    public FixedActivationSpikeGenerator(IReadOnlyList<(GeneratedPopulation Population, IReadOnlyList<double> ActivationTimesMs)> populations)
    {
        foreach (var (population, times) in populations)
        {
            int index = Populations.GetOrAdd(population.Name);
            foreach (var t in times)
            {
                _activations.Add((t, index, population));
            }
        }

        _activations.Sort((a, b) => a.TimeMs != b.TimeMs ? a.TimeMs.CompareTo(b.TimeMs) : a.Units.FirstNodeId.CompareTo(b.Units.FirstNodeId));
    }

    public string Name => "fixed";

    public bool IsLive => false;

    public SpikePopulationTable Populations { get; } = new();

    public async IAsyncEnumerable<SpikeChunk> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        int i = 0;
        while (i < _activations.Count)
        {
            // All activations at one time, merged by node id (populations may have overlapping id ranges).
            int j = i;
            while (j < _activations.Count && _activations[j].TimeMs == _activations[i].TimeMs)
            {
                j++;
            }

            var spikes = new List<SpikeEvent>();
            for (int k = i; k < j; k++)
            {
                var (t, population, units) = _activations[k];
                for (int u = 0; u < units.Count; u++)
                {
                    spikes.Add(new SpikeEvent(t, units.FirstNodeId + u, population));
                }
            }

            var sorted = spikes.ToArray();
            SpikeEventComparer.SortInPlace(sorted);
            for (int start = 0; start < sorted.Length; start += SpikeChunk.DefaultCapacity)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var chunk = SpikeChunk.Rent(Populations);
                chunk.AddRange(sorted.AsSpan(start, Math.Min(SpikeChunk.DefaultCapacity, sorted.Length - start)));
                chunk.WatermarkMs = _activations[i].TimeMs;
                yield return chunk;
            }

            i = j;
        }
    }
}
