using System.Runtime.CompilerServices;
using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Run;

/// <summary>
/// Streams the spikes a recipe gives inline (<see cref="SpikeSourceKind.Inline"/>) as time-ordered chunks (ties by
/// gid, then given order), each chunk's watermark the time of the next spike. Files and generators come from the
/// spike I/O part.
/// </summary>
public static class InlineSpikeSource
{
    public static async IAsyncEnumerable<SpikeChunk> Read(SpikeSourceDescription source, int chunkSize = 4096,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (source.Kind != SpikeSourceKind.Inline)
        {
            throw new ArgumentException($"expected an inline spike source, got {source.Kind}", nameof(source));
        }

        var spikes = source.Spikes.Select((s, i) => (s, i))
            .OrderBy(x => x.s.TimeMs).ThenBy(x => x.s.Gid).ThenBy(x => x.i).Select(x => x.s).ToArray();
        for (var start = 0; start < spikes.Length; start += chunkSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = Math.Min(spikes.Length, start + chunkSize);
            var gids = new long[end - start];
            var times = new double[end - start];
            for (var i = start; i < end; i++)
            {
                gids[i - start] = spikes[i].Gid;
                times[i - start] = spikes[i].TimeMs;
            }

            var watermark = end < spikes.Length ? spikes[end].TimeMs : times[^1];
            yield return new SpikeChunk(gids, times, watermark);
            await Task.Yield();
        }
    }
}
