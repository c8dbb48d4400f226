using System.Runtime.CompilerServices;

namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>Passes on the spikes of <paramref name="inner"/> that <paramref name="filter"/> accepts (watermarks kept).</summary>
public sealed class FilteredSpikeSource(ISpikeSource inner, SpikeFilter filter) : ISpikeSource
{
    public string Name => inner.Name;

    public bool IsLive => inner.IsLive;

    public SpikePopulationTable Populations => inner.Populations;

    public async IAsyncEnumerable<SpikeChunk> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var chunk in inner.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var output = SpikeChunk.Rent(chunk.Populations, chunk.Count);
            using (chunk)
            {
                output.WatermarkMs = chunk.WatermarkMs;
                foreach (ref readonly var spike in chunk.Spikes)
                {
                    if (filter.Accepts(spike, chunk.Populations[spike.Population]))
                    {
                        output.Add(spike);
                    }
                }
            }

            // Offline consumers do not need empty chunks; live ones still need the watermark.
            if (output.Count > 0 || IsLive)
            {
                yield return output;
            }
            else
            {
                output.Dispose();
            }

        }
    }
}
