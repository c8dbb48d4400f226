using System.Buffers;

namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>
/// A batch of spikes in stream order (time, then node id) plus a watermark: no spike earlier than
/// <see cref="WatermarkMs"/> follows this chunk in the same stream. The storage is rented from
/// <see cref="ArrayPool{T}.Shared"/>. Ownership: whoever receives a chunk owns it and must
/// <see cref="Dispose"/> it (returning the array) once done; never keep a reference after that.
/// </summary>
public sealed class SpikeChunk : IDisposable
{
    /// <summary>Default number of spikes per chunk.</summary>
    public const int DefaultCapacity = 16384;

    private SpikeEvent[]? _buffer;
    private int _count;

    private SpikeChunk(SpikeEvent[] buffer, SpikePopulationTable populations)
    {
        _buffer = buffer;
        Populations = populations;
        WatermarkMs = double.NegativeInfinity;
    }

    /// <summary>Rents an empty chunk able to hold at least <paramref name="capacity"/> spikes.</summary>
    public static SpikeChunk Rent(SpikePopulationTable populations, int capacity = DefaultCapacity)
        => new(ArrayPool<SpikeEvent>.Shared.Rent(Math.Max(capacity, 1)), populations);

    /// <summary>Names for <see cref="SpikeEvent.Population"/>.</summary>
    public SpikePopulationTable Populations { get; }

    /// <summary>No spike with a time below this (ms) follows this chunk in its stream.</summary>
    public double WatermarkMs { get; set; }

    public int Count => _count;

    public int Capacity => Buffer.Length;

    public bool IsFull => _count == Buffer.Length;

    /// <summary>The spikes, in stream order.</summary>
    public ReadOnlySpan<SpikeEvent> Spikes => Buffer.AsSpan(0, _count);

    private SpikeEvent[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(SpikeChunk));

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Add(in SpikeEvent spike) => Buffer[_count++] = spike;

    /// <summary>Copies spikes in; the caller guarantees they fit and keep the stream order.</summary>
    public void AddRange(ReadOnlySpan<SpikeEvent> spikes)
    {
        spikes.CopyTo(Buffer.AsSpan(_count));
        _count += spikes.Length;
    }

    /// <summary>The unused rest of the storage; write spikes (in stream order) there, then call <see cref="Advance"/>.</summary>
    internal Span<SpikeEvent> FreeSpace => Buffer.AsSpan(_count);

    /// <summary>Counts <paramref name="count"/> spikes written into <see cref="FreeSpace"/>.</summary>
    internal void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)count, (uint)(Buffer.Length - _count), nameof(count));
        _count += count;
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<SpikeEvent>.Shared.Return(buffer);
        }
    }
}
