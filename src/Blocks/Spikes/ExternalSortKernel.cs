using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>
/// Sorts a file of unknown order in bounded memory. Pass 1 reads runs of at most <c>runLength</c> spikes. While the
/// file is in time order from its start, whole runs are only checked, not kept: that time-ordered prefix is read
/// again in pass 2 (re-reading and re-parsing costs less than writing a spill file, which is what dominates here).
/// From the first run that breaks time order on, each run is sorted and written to a temporary spill file (deleted on
/// close). Pass 2 k-way merges the prefix (re-read through <see cref="ClaimedOrderKernel"/>) and the spilled runs,
/// each through a small buffer. A file that fits in one run is sorted in memory. Memory: one run (plus its sort
/// scratch) plus one run being written behind during pass 1, then k × buffer; the spill file holds 16 bytes per spike after the prefix.
/// </summary>
internal sealed class ExternalSortKernel : ISpikeOrderingKernel
{
    private const int MinMergeBuffer = 1024;
    private const int MaxMergeBuffer = 1 << 16;
    private static readonly int s_recordSize = Marshal.SizeOf<SpikeEvent>();

    private readonly Func<bool, ISpikeBatchReader> _open;
    private readonly string _name;
    private readonly int _runLength;
    private readonly string? _tempDirectory;
    private ISpikeBatchReader? _reader;
    private bool _started;

    // Single in-memory run (no spill).
    private SpikeEvent[]? _memoryRun;
    private int _memoryCount;
    private int _memoryPosition;

    // Time-ordered prefix re-read in pass 2 (null when there is none).
    private ClaimedOrderKernel? _prefix;

    // Spilled runs (the prefix, when present, is cursor 0), merged through a heap of their head keys.
    private SafeFileHandle? _spill;
    private string? _spillPath;
    private RunCursor[] _runs = [];
    private HeadKey[] _heap = [];
    private int _heapCount;

    /// <param name="open">Opens the file-order reader: argument false for pass 1, true for the re-read of the
    /// prefix in pass 2 (that reader must not report malformed lines again).</param>
    /// <param name="name">Name for messages (file path).</param>
    /// <param name="runLength">Spikes per sorted run.</param>
    /// <param name="tempDirectory">Folder for the spill file; null = system temporary folder.</param>
    public ExternalSortKernel(Func<bool, ISpikeBatchReader> open, string name, int runLength, string? tempDirectory)
    {
        _open = open;
        _name = name;
        _runLength = Math.Max(runLength, 16);
        _tempDirectory = tempDirectory;
    }

    /// <summary>Number of runs written to the spill file (0 when the data fitted in one run or was time-ordered).</summary>
    public int SpilledRuns { get; private set; }

    /// <summary>Spikes of the time-ordered prefix re-read in pass 2 instead of spilled.</summary>
    public long PrefixLength { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Fill(SpikeChunk chunk)
    {
        if (!_started)
        {
            _started = true;
            SortRuns();
        }

        if (_memoryRun is not null)
        {
            int n = Math.Min(_memoryCount - _memoryPosition, chunk.Capacity - chunk.Count);
            chunk.AddRange(_memoryRun.AsSpan(_memoryPosition, n));
            _memoryPosition += n;
            return chunk.Count > 0;
        }

        if (_runs.Length == 0)
        {
            // Only the time-ordered prefix (or nothing at all).
            return _prefix is not null ? _prefix.Fill(chunk) : chunk.Count > 0;
        }

        var free = chunk.FreeSpace;
        int written = 0;
        var heap = _heap;
        while (written < free.Length && _heapCount > 0)
        {
            ref var top = ref heap[0];
            ref var run = ref _runs[top.Run];
            free[written++] = run.Buffer[run.Position++];
            if (run.Position == run.Buffered && !Refill(ref run))
            {
                heap[0] = heap[--_heapCount];
            }
            else
            {
                var next = run.Buffer[run.Position];
                top.TimeMs = next.TimeMs;
                top.Key = next.IdPopulationKey;
            }

            SiftDown(heap, _heapCount, 0);
        }

        chunk.Advance(written);
        return chunk.Count > 0;
    }

    private void SortRuns()
    {
        _reader = _open(false);
        var run = ArrayPool<SpikeEvent>.Shared.Rent(_runLength);
        SpikeEvent[]? writing = null;
        Task? write = null;
        var spilled = new List<(long Offset, long Count)>();
        long offset = 0;
        long prefix = 0;
        bool inPrefix = true;
        double lastTime = double.NegativeInfinity;
        try
        {
            while (true)
            {
                int filled = 0;
                bool ended = false;
                while (filled < _runLength)
                {
                    int n = _reader.Read(run.AsSpan(filled, _runLength - filled));
                    if (n == 0)
                    {
                        ended = true;
                        break;
                    }

                    filled += n;
                }

                if (ended && prefix == 0 && spilled.Count == 0)
                {
                    // Everything fits in one run: sort it in memory.
                    SpikeEventComparer.SortInPlace(run.AsSpan(0, filled));
                    _memoryRun = run;
                    _memoryCount = filled;
                    run = null;
                    return;
                }

                if (inPrefix && IsTimeOrderedAfter(run.AsSpan(0, filled), ref lastTime))
                {
                    prefix += filled;
                }
                else if (filled > 0)
                {
                    inPrefix = false;
                    SpikeEventComparer.SortInPlace(run.AsSpan(0, filled));
                    _spill ??= OpenSpill();

                    // Write behind: this run goes to the spill file on another thread while the next one is read
                    // and sorted (one write in flight, two run buffers; the file layout does not depend on timing).
                    write?.GetAwaiter().GetResult();
                    var spill = _spill;
                    var full = run;
                    long at = offset;
                    write = Task.Run(() => RandomAccess.Write(spill, MemoryMarshal.AsBytes(full.AsSpan(0, filled)), at));
                    spilled.Add((offset, filled));
                    offset += (long)filled * s_recordSize;
                    (run, writing) = (writing ?? ArrayPool<SpikeEvent>.Shared.Rent(_runLength), full);
                }

                if (ended)
                {
                    break;
                }
            }

            write?.GetAwaiter().GetResult();
            write = null;
        }
        finally
        {
            // Never hand a buffer back (or close the file) while a write still uses it.
            if (write is not null)
            {
                try
                {
                    write.Wait();
                }
                catch (AggregateException)
                {
                    // Already failing: the exception in flight is the one to report.
                }
            }

            if (run is not null)
            {
                ArrayPool<SpikeEvent>.Shared.Return(run);
            }

            if (writing is not null)
            {
                ArrayPool<SpikeEvent>.Shared.Return(writing);
            }

            _reader.Dispose();
            _reader = null;
        }

        SpilledRuns = spilled.Count;
        PrefixLength = prefix;
        if (prefix > 0)
        {
            _prefix = new ClaimedOrderKernel(new LimitedBatchReader(_open(true), prefix, _name), _name, MaxMergeBuffer, "was time-ordered when first read but changed before the second read");
        }

        if (spilled.Count == 0)
        {
            return;
        }

        int cursors = spilled.Count + (_prefix is null ? 0 : 1);
        int bufferLength = (int)Math.Clamp((long)_runLength / cursors, MinMergeBuffer, MaxMergeBuffer);
        _runs = new RunCursor[cursors];
        _heap = new HeadKey[cursors];
        for (int i = 0; i < cursors; i++)
        {
            int s = _prefix is null ? i : i - 1;
            _runs[i] = new RunCursor
            {
                NextOffset = s >= 0 ? spilled[s].Offset : 0,
                Remaining = s >= 0 ? spilled[s].Count : prefix,
                Buffer = ArrayPool<SpikeEvent>.Shared.Rent(bufferLength),
                FromPrefix = s < 0,
            };
            if (Refill(ref _runs[i]))
            {
                var head = _runs[i].Buffer[0];
                _heap[_heapCount++] = new HeadKey { TimeMs = head.TimeMs, Key = head.IdPopulationKey, Run = i };
            }
        }

        for (int i = _heapCount / 2 - 1; i >= 0; i--)
        {
            SiftDown(_heap, _heapCount, i);
        }
    }

    /// <summary>True when the spikes are in time order and none is earlier than <paramref name="lastTime"/>, which
    /// is updated to the last time.</summary>
    private static bool IsTimeOrderedAfter(ReadOnlySpan<SpikeEvent> spikes, ref double lastTime)
    {
        double previous = lastTime;
        foreach (ref readonly var s in spikes)
        {
            // Written so that NaN (never produced by the readers) also counts as out of order.
            if (!(s.TimeMs >= previous))
            {
                return false;
            }

            previous = s.TimeMs;
        }

        lastTime = previous;
        return true;
    }

    private SafeFileHandle OpenSpill()
    {
        var folder = _tempDirectory ?? Path.GetTempPath();
        _spillPath = Path.Combine(folder, $"hlfp-spikes-{Environment.ProcessId}-{Guid.NewGuid():N}.runs");
        return File.OpenHandle(_spillPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
    }

    private bool Refill(ref RunCursor run)
    {
        if (run.FromPrefix)
        {
            int got = _prefix!.Read(run.Buffer);
            run.Buffered = got;
            run.Position = 0;
            return got > 0;
        }

        if (run.Remaining == 0)
        {
            return false;
        }

        int n = (int)Math.Min(run.Remaining, run.Buffer.Length);
        var bytes = MemoryMarshal.AsBytes(run.Buffer.AsSpan(0, n));
        int done = 0;
        while (done < bytes.Length)
        {
            int r = RandomAccess.Read(_spill!, bytes[done..], run.NextOffset + done);
            if (r <= 0)
            {
                throw new IOException($"spill file {_spillPath} ended early");
            }

            done += r;
        }

        run.NextOffset += bytes.Length;
        run.Remaining -= n;
        run.Buffered = n;
        run.Position = 0;
        return true;
    }

    /// <summary>Heap order: stream order of the head spikes, then run index (so equal spikes leave deterministically).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(in HeadKey a, in HeadKey b)
        => a.TimeMs < b.TimeMs || (a.TimeMs == b.TimeMs && (a.Key < b.Key || (a.Key == b.Key && a.Run < b.Run)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SiftDown(HeadKey[] heap, int count, int i)
    {
        var item = heap[i];
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= count)
            {
                break;
            }

            if (child + 1 < count && Less(heap[child + 1], heap[child]))
            {
                child++;
            }

            if (!Less(heap[child], item))
            {
                break;
            }

            heap[i] = heap[child];
            i = child;
        }

        heap[i] = item;
    }

    public void Dispose()
    {
        _prefix?.Dispose();
        _prefix = null;
        _reader?.Dispose();
        _reader = null;
        if (_memoryRun is not null)
        {
            ArrayPool<SpikeEvent>.Shared.Return(_memoryRun);
            _memoryRun = null;
        }

        foreach (var run in _runs)
        {
            if (run.Buffer is not null)
            {
                ArrayPool<SpikeEvent>.Shared.Return(run.Buffer);
            }
        }

        _runs = [];
        _heapCount = 0;
        _spill?.Dispose();
        _spill = null;
    }

    /// <summary>Head spike of one run as a heap entry (sort key inline, so comparisons touch one array).</summary>
    private struct HeadKey
    {
        public double TimeMs;
        public long Key;
        public int Run;
    }

    private struct RunCursor
    {
        public SpikeEvent[] Buffer;
        public int Buffered;
        public int Position;
        public long NextOffset;
        public long Remaining;
        public bool FromPrefix;
    }
}
