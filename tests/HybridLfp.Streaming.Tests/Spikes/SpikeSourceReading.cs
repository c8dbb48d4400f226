using HybridLfp.Streaming.Blocks.Spikes;

namespace HybridLfp.Streaming.Tests.Spikes;

/// <summary>Reads a whole spike source into a list (test sizes only), returning every chunk to its pool.</summary>
internal static class SpikeSourceReading
{
    /// <summary>All spikes in stream order as (time ms, node id, population name).</summary>
    public static async Task<List<(double T, long Id, string Pop)>> ReadAllAsync(ISpikeSource source)
    {
        var result = new List<(double, long, string)>();
        await foreach (var chunk in source.ReadAsync())
        {
            using (chunk)
            {
                foreach (var s in chunk.Spikes)
                {
                    result.Add((s.TimeMs, s.NodeId, chunk.Populations[s.Population]));
                }
            }
        }

        return result;
    }
}
