using System.Buffers;
using HybridLfp.Streaming.Numerics;

namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>
/// Streams a file that claims time order, verifying the claim as it goes (a later spike earlier than its predecessor
/// is an <see cref="InputException"/>). Spikes of equal time are re-ordered by node id; the trailing group of equal
/// time is held back until the next batch shows where it ends. Memory: one batch plus the largest equal-time group.
/// </summary>
internal sealed class ClaimedOrderKernel : ISpikeOrderingKernel
{
    private readonly ISpikeBatchReader _reader;
    private readonly string _name;
    private readonly int _batchLength;
    private readonly string _claim;
    private SpikeEvent[] _pending;
    private int _pendingCount;
    private int _emitStart;
    private int _emitEnd;
    private long _index;
    private double _lastTime = double.NegativeInfinity;
    private bool _ended;

    /// <param name="reader">File-order reader (owned: disposed with this kernel).</param>
    /// <param name="name">Name for messages (file path).</param>
    /// <param name="batchLength">Spikes read per batch.</param>
    /// <param name="claim">What the file claimed, for the error when it is out of time order.</param>
    public ClaimedOrderKernel(ISpikeBatchReader reader, string name, int batchLength, string claim = "claims sorting=by_time")
    {
        _claim = claim;
        _reader = reader;
        _name = name;
        _batchLength = Math.Max(batchLength, 16);
        _pending = ArrayPool<SpikeEvent>.Shared.Rent(_batchLength * 2);
    }

    public bool Fill(SpikeChunk chunk)
    {
        chunk.Advance(Read(chunk.FreeSpace));
        return chunk.Count > 0;
    }

    /// <summary>Copies the next spikes in stream order into <paramref name="destination"/>; 0 at the end.</summary>
    public int Read(Span<SpikeEvent> destination)
    {
        int written = 0;
        while (written < destination.Length)
        {
            if (_emitStart < _emitEnd)
            {
                int n = Math.Min(_emitEnd - _emitStart, destination.Length - written);
                _pending.AsSpan(_emitStart, n).CopyTo(destination[written..]);
                _emitStart += n;
                written += n;
                continue;
            }

            if (_ended)
            {
                break;
            }

            ReadNextBatch();
        }

        return written;
    }

    private void ReadNextBatch()
    {
        // Move the held-back tail (spikes of the last time seen) to the front.
        int tail = _pendingCount - _emitEnd;
        Array.Copy(_pending, _emitEnd, _pending, 0, tail);
        _pendingCount = tail;
        _emitStart = _emitEnd = 0;
        if (_pending.Length - _pendingCount < _batchLength)
        {
            var larger = ArrayPool<SpikeEvent>.Shared.Rent(_pendingCount + _batchLength * 2);
            Array.Copy(_pending, larger, _pendingCount);
            ArrayPool<SpikeEvent>.Shared.Return(_pending);
            _pending = larger;
        }

        int read = _reader.Read(_pending.AsSpan(_pendingCount, _batchLength));
        for (int i = _pendingCount; i < _pendingCount + read; i++, _index++)
        {
            double t = _pending[i].TimeMs;
            if (t < _lastTime)
            {
                throw new InputException(_name, $"{_claim}, but spike {_index} at {t} ms follows one at {_lastTime} ms");
            }

            _lastTime = t;
        }

        _pendingCount += read;
        int end = _pendingCount;
        if (read == 0)
        {
            _ended = true;
        }
        else
        {
            // Hold back the group at the last time: more spikes of that time may follow.
            while (end > 0 && _pending[end - 1].TimeMs == _lastTime)
            {
                end--;
            }
        }

        SpikeEventComparer.SortInPlace(_pending.AsSpan(0, end));
        _emitEnd = end;
    }

    public void Dispose()
    {
        _reader.Dispose();
        var pending = Interlocked.Exchange(ref _pending, []);
        if (pending.Length > 0)
        {
            ArrayPool<SpikeEvent>.Shared.Return(pending);
        }
    }
}
