namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>
/// k-way merge of time-sorted spike chunks from several sources. Spikes are released once they are below every
/// source's watermark (a completed source's watermark is +∞), in time order; ties in time go to the lower source
/// index, then to arrival order, so the merged stream is deterministic. The released chunk's watermark is the
/// minimum watermark, or, when more than <see cref="MaxSpikesPerChunk"/> spikes are releasable, the time of the first
/// spike left for the next chunk. Memory: what sources sent ahead of the slowest watermark.
/// Not thread-safe: owned by one <see cref="TimeMergeBlock"/>, which serializes calls.
/// </summary>
public sealed class TimeMergeKernel
{
    /// <summary>Most spikes in one released chunk: its arrays (8 bytes a spike) stay off the large-object heap.</summary>
    public const int MaxSpikesPerChunk = 8192;

    private readonly Queue<(long Gid, double T)>[] _pending;
    private readonly double[] _watermarks;
    private readonly double[] _lastTime;
    private readonly List<long> _releasedGids = []; // reused by every Release
    private readonly List<double> _releasedTimes = [];
    private double _releasedWatermark = double.NegativeInfinity;

    public int SourceCount => _pending.Length;

    public TimeMergeKernel(int sourceCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceCount);
        _pending = Enumerable.Range(0, sourceCount).Select(_ => new Queue<(long, double)>()).ToArray();
        _watermarks = Enumerable.Repeat(double.NegativeInfinity, sourceCount).ToArray();
        _lastTime = Enumerable.Repeat(double.NegativeInfinity, sourceCount).ToArray();
    }

    /// <summary>Adds a chunk of source <paramref name="source"/>.</summary>
    /// <exception cref="InvalidOperationException">the source went back in time or lowered its watermark.</exception>
    public void Push(int source, SpikeChunk chunk)
    {
        var gids = chunk.Gids.Span;
        var times = chunk.TimesMs.Span;
        if (times.Length > 0 && times[0] < Math.Max(_lastTime[source], _watermarks[source]))
        {
            throw new InvalidOperationException(
                $"source {source}: spike at {times[0]} ms arrives after watermark {_watermarks[source]} ms / spike at {_lastTime[source]} ms (sources must be time-ordered)");
        }

        if (chunk.WatermarkMs < _watermarks[source])
        {
            throw new InvalidOperationException($"source {source}: watermark went back from {_watermarks[source]} ms to {chunk.WatermarkMs} ms");
        }

        for (var i = 0; i < gids.Length; i++)
        {
            _pending[source].Enqueue((gids[i], times[i]));
        }

        if (times.Length > 0)
        {
            _lastTime[source] = times[^1];
        }

        _watermarks[source] = chunk.WatermarkMs;
    }

    /// <summary>Marks source <paramref name="source"/> finished (watermark +∞).</summary>
    public void Complete(int source) => _watermarks[source] = double.PositiveInfinity;

    /// <summary>
    /// Releases the pending spikes with t &lt; min watermark, merged, at most <see cref="MaxSpikesPerChunk"/> of them
    /// (call again until null); null if neither spikes nor a higher watermark can be released.
    /// </summary>
    public SpikeChunk? Release()
    {
        var watermark = _watermarks.Min();
        if (watermark <= _releasedWatermark)
        {
            return null;
        }

        var gids = _releasedGids;
        var times = _releasedTimes;
        gids.Clear();
        times.Clear();
        while (true)
        {
            var best = -1;
            var bestTime = double.PositiveInfinity;
            for (var s = 0; s < _pending.Length; s++)
            {
                if (_pending[s].Count > 0)
                {
                    var t = _pending[s].Peek().T;
                    if (t < watermark && (best < 0 || t < bestTime))
                    {
                        best = s;
                        bestTime = t;
                    }
                }
            }

            if (best < 0)
            {
                break;
            }

            if (gids.Count == MaxSpikesPerChunk)
            {
                watermark = bestTime; // the rest, from this spike on, goes in the next chunk
                break;
            }

            var (gid, time) = _pending[best].Dequeue();
            gids.Add(gid);
            times.Add(time);
        }

        _releasedWatermark = watermark;
        return gids.Count == 0 ? SpikeChunk.Watermark(watermark) : new SpikeChunk(gids.ToArray(), times.ToArray(), watermark);
    }
}
