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
/// close) on another thread while the next run is read; the last run stays in memory. Pass 2 merges the prefix
/// (re-read through <see cref="ClaimedOrderKernel"/>), the spilled runs (each through a small buffer) and the last
/// run with a loser tree. A file that fits in one run is sorted in memory. Memory: two runs plus the sort scratch
/// during pass 1, then one run plus k small buffers; the spill file holds 16 bytes per spilled spike.
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

    // Runs to merge (the prefix, when present, is cursor 0; the last run stays in memory), through a loser tree:
    // _tree[1.._leaves-1] hold the losers of each match, _winner the overall smallest head.
    private SafeFileHandle? _spill;
    private string? _spillPath;
    private RunCursor[] _runs = [];
    private HeadKey[] _keys = [];
    private int[] _tree = [];
    private int _leaves;
    private int _winner;

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
        var keys = _keys;
        var tree = _tree;
        int winner = _winner;
        while (written < free.Length && !keys[winner].Done)
        {
            ref var run = ref _runs[winner];
            free[written++] = run.Buffer[run.Position++];
            ref var key = ref keys[winner];
            if (run.Position == run.Buffered && !Refill(ref run))
            {
                key.Done = true;
            }
            else
            {
                var next = run.Buffer[run.Position];
                key.TimeMs = next.TimeMs;
                key.Key = next.IdPopulationKey;
            }

            // Replay the winner's path to the root: one comparison per level.
            for (int node = (winner + _leaves) >> 1; node > 0; node >>= 1)
            {
                int other = tree[node];
                if (Less(keys[other], keys[winner]))
                {
                    tree[node] = winner;
                    winner = other;
                }
            }
        }

        _winner = winner;
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
        SpikeEvent[]? lastRun = null;
        int lastCount = 0;
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
                    if (ended)
                    {
                        // The last run is merged straight from memory (pass 1 held that much anyway).
                        lastRun = run;
                        lastCount = filled;
                        run = null;
                        break;
                    }

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

        if (spilled.Count == 0 && lastRun is null)
        {
            return;
        }

        int cursors = (_prefix is null ? 0 : 1) + spilled.Count + (lastRun is null ? 0 : 1);
        int bufferLength = (int)Math.Clamp((long)_runLength / cursors, MinMergeBuffer, MaxMergeBuffer);
        _leaves = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(cursors, 2));
        _runs = new RunCursor[cursors];
        _keys = new HeadKey[_leaves];
        _tree = new int[_leaves];
        for (int i = 0; i < _leaves; i++)
        {
            _keys[i] = new HeadKey { Run = i, Done = true };
        }

        for (int i = 0; i < cursors; i++)
        {
            int s = _prefix is null ? i : i - 1;
            if (lastRun is not null && i == cursors - 1)
            {
                _runs[i] = new RunCursor { Buffer = lastRun, Buffered = lastCount };
                lastRun = null;
            }
            else
            {
                _runs[i] = new RunCursor
                {
                    NextOffset = s >= 0 ? spilled[s].Offset : 0,
                    Remaining = s >= 0 ? spilled[s].Count : prefix,
                    Buffer = ArrayPool<SpikeEvent>.Shared.Rent(bufferLength),
                    FromPrefix = s < 0,
                };
                if (!Refill(ref _runs[i]))
                {
                    continue;
                }
            }

            var head = _runs[i].Buffer[0];
            _keys[i] = new HeadKey { TimeMs = head.TimeMs, Key = head.IdPopulationKey, Run = i };
        }

        _winner = Play(1);
    }

    /// <summary>Plays the matches below <paramref name="node"/>, storing losers; returns the winner's leaf.</summary>
    private int Play(int node)
    {
        if (node >= _leaves)
        {
            return node - _leaves;
        }

        int left = Play(2 * node);
        int right = Play(2 * node + 1);
        if (Less(_keys[right], _keys[left]))
        {
            (left, right) = (right, left);
        }

        _tree[node] = right;
        return left;
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

    /// <summary>Merge order: exhausted runs last; stream order of the head spikes; then run index (so equal spikes
    /// leave deterministically, lower run first).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(in HeadKey a, in HeadKey b)
    {
        if (a.Done | b.Done)
        {
            return !a.Done || (b.Done && a.Run < b.Run);
        }

        return a.TimeMs < b.TimeMs || (a.TimeMs == b.TimeMs && (a.Key < b.Key || (a.Key == b.Key && a.Run < b.Run)));
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
        _keys = [];
        _spill?.Dispose();
        _spill = null;
    }

    /// <summary>Head spike of one run (sort key inline, so comparisons touch one small array).</summary>
    private struct HeadKey
    {
        public double TimeMs;
        public long Key;
        public int Run;
        public bool Done;
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
