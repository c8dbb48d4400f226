using System.Runtime.CompilerServices;

namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>
/// k-way merge of time-ordered sources into one stream (time, then node id, then population), with population
/// indices mapped into one shared <see cref="Populations"/> table. The output watermark is the smallest key any
/// source can still deliver. A live source whose buffer is empty takes part with its own watermark: the merge
/// forwards everything earlier, then waits for that source. Memory: one chunk per source plus one output chunk.
/// </summary>
public sealed class SpikeTimeMerge : ISpikeSource
{
    private readonly IReadOnlyList<ISpikeSource> _sources;
    private readonly int _chunkLength;

    public SpikeTimeMerge(string name, IReadOnlyList<ISpikeSource> sources, int chunkLength = SpikeChunk.DefaultCapacity)
    {
        Name = name;
        _sources = sources;
        _chunkLength = chunkLength;
        IsLive = sources.Any(s => s.IsLive);
        foreach (var source in sources)
        {
            foreach (var population in source.Populations.Snapshot())
            {
                Populations.GetOrAdd(population);
            }
        }
    }

    public string Name { get; }

    public bool IsLive { get; }

    public SpikePopulationTable Populations { get; } = new();

    public async IAsyncEnumerable<SpikeChunk> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var inputs = new Input[_sources.Count];
        var heap = new Head[_sources.Count];
        int heapCount = 0;
        SpikeChunk? output = null;
        var first = new Task[inputs.Length];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            // Start every input before waiting for any, so sources that work ahead (e.g. a first pass over a file)
            // do so in parallel.
            for (int i = 0; i < inputs.Length; i++)
            {
                inputs[i] = new Input(_sources[i], Populations, stop.Token);
                first[i] = inputs[i].AdvanceAsync().AsTask();
            }

            for (int i = 0; i < inputs.Length; i++)
            {
                await first[i].ConfigureAwait(false);
            }

            for (int i = 0; i < inputs.Length; i++)
            {
                if (!inputs[i].Done)
                {
                    heap[heapCount++] = inputs[i].Head(i);
                }
            }

            for (int i = heapCount / 2 - 1; i >= 0; i--)
            {
                SiftDown(heap, heapCount, i);
            }

            output = SpikeChunk.Rent(Populations, _chunkLength);
            while (heapCount > 0)
            {
                if (Drain(inputs, heap, heapCount, output))
                {
                    output.WatermarkMs = heap[0].TimeMs;
                    yield return output;
                    output = SpikeChunk.Rent(Populations, _chunkLength);
                    continue;
                }

                // The top input has nothing buffered: its key is now its watermark.
                int top = heap[0].Input;
                var input = inputs[top];
                if (input.IsLive)
                {
                    SiftDown(heap, heapCount, 0);
                    if (heap[0].Input != top)
                    {
                        continue; // others still hold earlier spikes
                    }

                    // Its watermark is the minimum: forward what is safe, then wait for it.
                    if (output.Count > 0)
                    {
                        output.WatermarkMs = input.WatermarkMs;
                        yield return output;
                        output = SpikeChunk.Rent(Populations, _chunkLength);
                    }
                }

                await input.AdvanceAsync().ConfigureAwait(false);
                if (input.Done)
                {
                    heap[0] = heap[--heapCount];
                }
                else
                {
                    heap[0] = input.Head(top);
                }

                SiftDown(heap, heapCount, 0);
            }

            if (output.Count > 0)
            {
                output.WatermarkMs = double.PositiveInfinity;
                yield return output;
                output = null;
            }
        }
        finally
        {
            output?.Dispose();

            // An input must not be disposed while its first read is still running (when another one failed).
            await stop.CancelAsync().ConfigureAwait(false);
            foreach (var task in first)
            {
                if (task is not null)
                {
                    await ((Task)task.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)).ConfigureAwait(false);
                }
            }

            foreach (var input in inputs)
            {
                if (input is not null)
                {
                    await input.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// Moves spikes from the heap's top input to <paramref name="output"/> until it is full (true) or the top input
    /// has nothing buffered (false; the caller awaits it). The top's heap entry is left describing its input.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Drain(Input[] inputs, Head[] heap, int heapCount, SpikeChunk output)
    {
        var free = output.FreeSpace;
        int written = 0;
        bool full;
        while (true)
        {
            if (written == free.Length)
            {
                full = true;
                break;
            }

            ref var top = ref heap[0];
            var input = inputs[top.Input];
            if (!input.HasSpike)
            {
                full = false;
                break;
            }

            free[written++] = input.TakeMapped();
            top = input.Head(top.Input);
            if (!input.HasSpike)
            {
                full = false;
                break;
            }

            SiftDown(heap, heapCount, 0);
        }

        output.Advance(written);
        return full;
    }

    /// <summary>
    /// Heap order: key time; at equal time a watermark-only input (key −1) before spikes, since a spike of that time
    /// may still arrive from it; then node id and union population index (the packed key); then input index.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(in Head a, in Head b)
        => a.TimeMs < b.TimeMs || (a.TimeMs == b.TimeMs && (a.Key < b.Key || (a.Key == b.Key && a.Input < b.Input)));

    private static void SiftDown(Head[] heap, int count, int i)
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

    /// <summary>An input's merge key held inline in the heap (no indirection per comparison).</summary>
    private struct Head
    {
        /// <summary>Next spike's time, or the watermark when nothing is buffered (ms).</summary>
        public double TimeMs;

        /// <summary>Packed (node id, union population) of the next spike; −1 when nothing is buffered.</summary>
        public long Key;

        public int Input;
    }

    /// <summary>One source's cursor: its current chunk, position, watermark and population index map.</summary>
    private sealed class Input : IAsyncDisposable
    {
        private readonly ISpikeSource _source;
        private readonly SpikePopulationTable _union;
        private readonly IAsyncEnumerator<SpikeChunk> _enumerator;
        private int[] _populationMap = [];
        private SpikeChunk? _chunk;

        public Input(ISpikeSource source, SpikePopulationTable union, CancellationToken cancellationToken)
        {
            _source = source;
            _union = union;
            _enumerator = source.ReadAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        }

        public int Position;

        public bool Done { get; private set; }

        public double WatermarkMs { get; private set; } = double.NegativeInfinity;

        public bool HasSpike => _chunk is not null && Position < _chunk.Count;

        public bool IsLive => _source.IsLive;

        /// <summary>Heap entry for this input (it is input number <paramref name="index"/>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Head Head(int index)
        {
            if (_chunk is not null && Position < _chunk.Count)
            {
                var s = _chunk.Spikes[Position];
                return new Head { TimeMs = s.TimeMs, Key = s.IdPopulationKey - s.Population + MapPopulation(s.Population), Input = index };
            }

            return new Head { TimeMs = WatermarkMs, Key = -1, Input = index };
        }

        /// <summary>Returns the current spike with its population mapped into the union table and moves on.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public SpikeEvent TakeMapped()
        {
            var s = _chunk!.Spikes[Position++];
            return s.WithPopulationUnchecked(MapPopulation(s.Population));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private int MapPopulation(int local) => local < _populationMap.Length ? _populationMap[local] : ExtendMap(local);

        private int ExtendMap(int local)
        {
            // A source may add populations while it is read; remap from its current table.
            var names = _source.Populations.Snapshot();
            var map = new int[names.Count];
            for (int i = 0; i < map.Length; i++)
            {
                map[i] = _union.GetOrAdd(names[i]);
            }

            _populationMap = map;
            return _populationMap[local];
        }

        /// <summary>Loads the next chunk. Offline sources skip empty chunks; live ones may stop at a watermark.</summary>
        public async ValueTask AdvanceAsync()
        {
            while (true)
            {
                _chunk?.Dispose();
                _chunk = null;
                Position = 0;
                if (!await _enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    Done = true;
                    return;
                }

                _chunk = _enumerator.Current;
                WatermarkMs = _chunk.WatermarkMs;
                if (_chunk.Count > 0 || _source.IsLive)
                {
                    return;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            _chunk?.Dispose();
            _chunk = null;
            await _enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
