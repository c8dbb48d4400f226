using HybridLfp.Streaming.Numerics;

namespace HybridLfp.Streaming.Blocks.Spikes.Live;

/// <summary>
/// Synchronous core of the live sources: holds spikes that may still be overtaken and releases them in stream order
/// once a watermark W promises that nothing earlier follows (spikes with t &lt; W are final; ties at W wait, since a
/// smaller gid at W may still come). A spike earlier than the current watermark breaks the promise and is reported as
/// a malformed line. Memory: the spikes between two watermarks, at most <see cref="MaxPending"/>.
/// Threading: one thread.
/// </summary>
internal sealed class LiveSpikeKernel
{
    private readonly string _name;
    private readonly SpikeReaderOptions _options;
    private readonly List<SpikeEvent> _pending = [];

    public LiveSpikeKernel(string name, SpikeReaderOptions options, int maxPending)
    {
        _name = name;
        _options = options;
        MaxPending = maxPending;
    }

    /// <summary>Most spikes held while waiting for a watermark; beyond it the stream is stopped with an error.</summary>
    public int MaxPending { get; }

    /// <summary>Current watermark (ms).</summary>
    public double WatermarkMs { get; private set; } = double.NegativeInfinity;

    /// <summary>Adds a spike read from <paramref name="line"/> (1-based).</summary>
    public void Add(in SpikeEvent spike, long line)
    {
        if (spike.TimeMs < WatermarkMs)
        {
            Malformed(line, $"spike at {spike.TimeMs} ms is earlier than the watermark {WatermarkMs} ms already promised");
            return;
        }

        if (_pending.Count >= MaxPending)
        {
            throw new InputException(_name, $"more than {MaxPending} spikes without a watermark; the producer must send watermark lines", (int)Math.Min(line, int.MaxValue));
        }

        _pending.Add(spike);
    }

    /// <summary>Raises the watermark; a lower value than the current one is reported as malformed.</summary>
    public bool Advance(double watermarkMs, long line)
    {
        if (watermarkMs < WatermarkMs)
        {
            Malformed(line, $"watermark {watermarkMs} ms is below the previous one ({WatermarkMs} ms)");
            return false;
        }

        WatermarkMs = watermarkMs;
        return true;
    }

    /// <summary>Moves every final spike (t &lt; watermark, or all when <paramref name="final"/>) into a new chunk.</summary>
    public SpikeChunk Release(SpikePopulationTable populations, bool final)
    {
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_pending);
        SpikeEventComparer.SortInPlace(span);
        int n = 0;
        while (n < span.Length && (final || span[n].TimeMs < WatermarkMs))
        {
            n++;
        }

        var chunk = SpikeChunk.Rent(populations, Math.Max(n, 1));
        chunk.AddRange(span[..n]);
        chunk.WatermarkMs = final ? double.PositiveInfinity : WatermarkMs;
        _pending.RemoveRange(0, n);
        return chunk;
    }

    public void Malformed(long line, string message) => _options.ReportMalformed(_name, line, message);
}
