namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>
/// A chunk of spikes from one source, in non-decreasing time order (also across the chunks of a source), with the
/// source's watermark: no later spike of this source will have t &lt; <see cref="WatermarkMs"/>. A chunk may be
/// empty (a pure watermark, e.g. the end-of-window marker of a live producer). Immutable once sent.
/// </summary>
public sealed class SpikeChunk
{
    /// <summary>Presynaptic gids.</summary>
    public ReadOnlyMemory<long> Gids { get; }

    /// <summary>Spike times, ms.</summary>
    public ReadOnlyMemory<double> TimesMs { get; }

    /// <summary>Watermark, ms (≥ the last spike time of the chunk).</summary>
    public double WatermarkMs { get; }

    public int Count => Gids.Length;

    public SpikeChunk(ReadOnlyMemory<long> gids, ReadOnlyMemory<double> timesMs, double watermarkMs)
    {
        if (gids.Length != timesMs.Length)
        {
            throw new ArgumentException($"{gids.Length} gids but {timesMs.Length} times");
        }

        var times = timesMs.Span;
        for (var i = 1; i < times.Length; i++)
        {
            if (times[i] < times[i - 1])
            {
                throw new ArgumentException($"spike times must not decrease: t[{i - 1}] = {times[i - 1]} ms > t[{i}] = {times[i]} ms");
            }
        }

        if (times.Length > 0 && watermarkMs < times[^1])
        {
            throw new ArgumentException($"watermark {watermarkMs} ms is below the last spike time {times[^1]} ms");
        }

        Gids = gids;
        TimesMs = timesMs;
        WatermarkMs = watermarkMs;
    }

    /// <summary>A chunk carrying only a watermark.</summary>
    public static SpikeChunk Watermark(double watermarkMs) => new(ReadOnlyMemory<long>.Empty, ReadOnlyMemory<double>.Empty, watermarkMs);
}
