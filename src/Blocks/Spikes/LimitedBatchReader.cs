namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>
/// Passes on the first <c>limit</c> spikes of a file-order reader (which it owns), then reports the end. Used for
/// the second read of a prefix whose length is known from the first, so running out early means the file changed.
/// </summary>
internal sealed class LimitedBatchReader(ISpikeBatchReader inner, long limit, string name) : ISpikeBatchReader
{
    private long _remaining = limit;

    public int Read(Span<SpikeEvent> destination)
    {
        if (_remaining <= 0)
        {
            return 0;
        }

        var target = destination.Length > _remaining ? destination[..(int)_remaining] : destination;
        int n = inner.Read(target);
        if (n == 0)
        {
            throw new HybridLfp.Streaming.Numerics.InputException(name, $"ended {_remaining} spikes earlier on the second read than on the first; was the file changed while being read?");
        }

        _remaining -= n;
        return n;
    }

    public void Dispose() => inner.Dispose();
}
