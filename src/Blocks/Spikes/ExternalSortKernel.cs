using System.Buffers;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>
/// Sorts a file of unknown order in bounded memory. Pass 1 reads runs of at most <c>runLength</c> spikes, sorts
/// each and (when there is more than one) writes it to a temporary spill file that is deleted on close. Pass 2
/// k-way merges the runs, each through a small read buffer. Memory: one run during pass 1, then
/// k × buffer; the spill file holds 24 bytes per spike.
/// </summary>
internal sealed class ExternalSortKernel : ISpikeOrderingKernel
{
    private const int MinMergeBuffer = 1024;
    private const int MaxMergeBuffer = 1 << 16;
    private static readonly int s_recordSize = Marshal.SizeOf<SpikeEvent>();

    private readonly ISpikeBatchReader _reader;
    private readonly int _runLength;
    private readonly string? _tempDirectory;
    private bool _started;

    // Single in-memory run (no spill).
    private SpikeEvent[]? _memoryRun;
    private int _memoryCount;
    private int _memoryPosition;

    // Spilled runs.
    private SafeFileHandle? _spill;
    private string? _spillPath;
    private RunCursor[] _runs = [];
    private int[] _heap = [];
    private int _heapCount;

    public ExternalSortKernel(ISpikeBatchReader reader, int runLength, string? tempDirectory)
    {
        _reader = reader;
        _runLength = Math.Max(runLength, 16);
        _tempDirectory = tempDirectory;
    }

    /// <summary>Number of runs written to the spill file (0 when the data fitted in one run).</summary>
    public int SpilledRuns => _runs.Length;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
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

        var comparer = default(SpikeEventComparer);
        while (!chunk.IsFull && _heapCount > 0)
        {
            ref var run = ref _runs[_heap[0]];
            chunk.Add(run.Buffer[run.Position]);
            run.Position++;
            if (run.Position == run.Buffered && !Refill(ref run))
            {
                _heap[0] = _heap[--_heapCount];
            }

            SiftDown(0, comparer);
        }

        return chunk.Count > 0;
    }

    private void SortRuns()
    {
        var run = ArrayPool<SpikeEvent>.Shared.Rent(_runLength);
        var spilled = new List<(long Offset, long Count)>();
        long offset = 0;
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

                SpikeEventComparer.SortInPlace(run.AsSpan(0, filled));
                if (ended && spilled.Count == 0)
                {
                    _memoryRun = run;
                    _memoryCount = filled;
                    run = null;
                    return;
                }

                if (filled > 0)
                {
                    _spill ??= OpenSpill();
                    RandomAccess.Write(_spill, MemoryMarshal.AsBytes(run.AsSpan(0, filled)), offset);
                    spilled.Add((offset, filled));
                    offset += (long)filled * s_recordSize;
                }

                if (ended)
                {
                    break;
                }
            }
        }
        finally
        {
            if (run is not null)
            {
                ArrayPool<SpikeEvent>.Shared.Return(run);
            }
        }

        int bufferLength = (int)Math.Clamp((long)_runLength / Math.Max(spilled.Count, 1), MinMergeBuffer, MaxMergeBuffer);
        _runs = new RunCursor[spilled.Count];
        _heap = new int[spilled.Count];
        for (int i = 0; i < spilled.Count; i++)
        {
            _runs[i] = new RunCursor
            {
                NextOffset = spilled[i].Offset,
                Remaining = spilled[i].Count,
                Buffer = ArrayPool<SpikeEvent>.Shared.Rent(bufferLength),
            };
            if (Refill(ref _runs[i]))
            {
                _heap[_heapCount++] = i;
            }
        }

        var comparer = default(SpikeEventComparer);
        for (int i = _heapCount / 2 - 1; i >= 0; i--)
        {
            SiftDown(i, comparer);
        }
    }

    private SafeFileHandle OpenSpill()
    {
        var folder = _tempDirectory ?? Path.GetTempPath();
        _spillPath = Path.Combine(folder, $"hlfp-spikes-{Environment.ProcessId}-{Guid.NewGuid():N}.runs");
        return File.OpenHandle(_spillPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
    }

    private bool Refill(ref RunCursor run)
    {
        if (run.Remaining == 0)
        {
            return false;
        }

        int n = (int)Math.Min(run.Remaining, run.Buffer.Length);
        var bytes = MemoryMarshal.AsBytes(run.Buffer.AsSpan(0, n));
        int got = 0;
        while (got < bytes.Length)
        {
            int r = RandomAccess.Read(_spill!, bytes[got..], run.NextOffset + got);
            if (r <= 0)
            {
                throw new IOException($"spill file {_spillPath} ended early");
            }

            got += r;
        }

        run.NextOffset += bytes.Length;
        run.Remaining -= n;
        run.Buffered = n;
        run.Position = 0;
        return true;
    }

    private int CompareRuns(int a, int b, SpikeEventComparer comparer)
    {
        ref var ra = ref _runs[a];
        ref var rb = ref _runs[b];
        int c = comparer.Compare(ra.Buffer[ra.Position], rb.Buffer[rb.Position]);
        return c != 0 ? c : a.CompareTo(b);
    }

    private void SiftDown(int i, SpikeEventComparer comparer)
    {
        while (true)
        {
            int left = 2 * i + 1;
            if (left >= _heapCount)
            {
                return;
            }

            int smallest = left;
            if (left + 1 < _heapCount && CompareRuns(_heap[left + 1], _heap[left], comparer) < 0)
            {
                smallest = left + 1;
            }

            if (CompareRuns(_heap[smallest], _heap[i], comparer) >= 0)
            {
                return;
            }

            (_heap[i], _heap[smallest]) = (_heap[smallest], _heap[i]);
            i = smallest;
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
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

    private struct RunCursor
    {
        public SpikeEvent[] Buffer;
        public int Buffered;
        public int Position;
        public long NextOffset;
        public long Remaining;
    }
}
