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
        var heap = new int[_sources.Count];
        int heapCount = 0;
        SpikeChunk? output = null;
        try
        {
            for (int i = 0; i < inputs.Length; i++)
            {
                inputs[i] = new Input(_sources[i], Populations, cancellationToken);
                await inputs[i].AdvanceAsync().ConfigureAwait(false);
                if (!inputs[i].Done)
                {
                    heap[heapCount++] = i;
                }
            }

            for (int i = heapCount / 2 - 1; i >= 0; i--)
            {
                SiftDown(inputs, heap, heapCount, i);
            }

            output = SpikeChunk.Rent(Populations, _chunkLength);
            while (heapCount > 0)
            {
                if (Drain(inputs, heap, heapCount, output))
                {
                    output.WatermarkMs = inputs[heap[0]].KeyTimeMs;
                    yield return output;
                    output = SpikeChunk.Rent(Populations, _chunkLength);
                    continue;
                }

                // The top input has nothing buffered: its key is now its watermark.
                var input = inputs[heap[0]];
                if (input.IsLive)
                {
                    SiftDown(inputs, heap, heapCount, 0);
                    if (inputs[heap[0]] != input)
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

                SiftDown(inputs, heap, heapCount, 0);
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
    /// has nothing buffered (false; the caller awaits it).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Drain(Input[] inputs, int[] heap, int heapCount, SpikeChunk output)
    {
        while (true)
        {
            if (output.IsFull)
            {
                return true;
            }

            var input = inputs[heap[0]];
            if (!input.HasSpike)
            {
                return false;
            }

            output.Add(input.Current);
            input.Position++;
            if (!input.HasSpike)
            {
                return false;
            }

            SiftDown(inputs, heap, heapCount, 0);
        }
    }

    private static int Compare(Input[] inputs, int a, int b)
    {
        var x = inputs[a];
        var y = inputs[b];
        int c = x.KeyTimeMs.CompareTo(y.KeyTimeMs);
        if (c != 0)
        {
            return c;
        }

        // At equal time a watermark-only input sorts first: a spike of that time may still arrive from it.
        if (x.HasSpike != y.HasSpike)
        {
            return x.HasSpike ? 1 : -1;
        }

        if (x.HasSpike)
        {
            c = x.RawCurrent.NodeId.CompareTo(y.RawCurrent.NodeId);
            if (c != 0)
            {
                return c;
            }

            c = x.Current.Population.CompareTo(y.Current.Population);
            if (c != 0)
            {
                return c;
            }
        }

        return a.CompareTo(b);
    }

    private static void SiftDown(Input[] inputs, int[] heap, int count, int i)
    {
        while (true)
        {
            int left = 2 * i + 1;
            if (left >= count)
            {
                return;
            }

            int smallest = left;
            if (left + 1 < count && Compare(inputs, heap[left + 1], heap[left]) < 0)
            {
                smallest = left + 1;
            }

            if (Compare(inputs, heap[smallest], heap[i]) >= 0)
            {
                return;
            }

            (heap[i], heap[smallest]) = (heap[smallest], heap[i]);
            i = smallest;
        }
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

        /// <summary>The current spike with its source-local population index.</summary>
        public SpikeEvent RawCurrent => _chunk!.Spikes[Position];

        /// <summary>The current spike with its population mapped into the union table.</summary>
        public SpikeEvent Current
        {
            get
            {
                var s = _chunk!.Spikes[Position];
                return s.WithPopulation(MapPopulation(s.Population));
            }
        }

        /// <summary>Heap key: the next spike's time, or the watermark when nothing is buffered (ms).</summary>
        public double KeyTimeMs => HasSpike ? _chunk!.Spikes[Position].TimeMs : WatermarkMs;

        private int MapPopulation(int local)
        {
            if (local >= _populationMap.Length)
            {
                var names = _source.Populations.Snapshot();
                var map = new int[names.Count];
                for (int i = 0; i < map.Length; i++)
                {
                    map[i] = _union.GetOrAdd(names[i]);
                }

                _populationMap = map;
            }

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
