using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks.Dataflow;
using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Blocks.Sinks;

namespace HybridLfp.Streaming.Blocks.Distributed;

/// <summary>
/// The run graph of DESIGN §2 across the ranks of an <see cref="IDistributedContext"/>. Every rank reads the spike
/// sources and routes them (cheap next to the cells; see the README of this area), but simulates only its own
/// contiguous range of batches (<see cref="BatchDecomposition"/>). Per window, on a dedicated thread and in window
/// order on every rank, for windows k, k+1, …, k+n−1 at once:
/// <code>
///   F(k): fault agreement (all-reduce of "I failed" and of the windows each rank has ready; on a fault, broadcast
///         of the lowest failing rank's message)
///   G(k): gather of every rank's per-batch window buffers (+ event counts) of the next n windows to rank 0, where
///         n = the fewest ready on any rank (each rank waits for 8 before a round, fewer only at the end of the
///         run; at most 16); rank order = global batch order, since ranges are contiguous
///         and in rank order
///   S(k): rank 0 sums each window with the single-process <see cref="PopulationSumKernel"/> (batch order) → sinks
///   F(k) precedes G(k); G(k) precedes S(k) and F(k+n)
/// </code>
/// Rank 0 therefore adds exactly the same numbers in exactly the same order as one process does: outputs are
/// bit-identical for any rank count. After the last window one more agreement carries rank 0's sink outcome, then
/// per-rank timings are gathered. A fault on any rank (kernel, source, sink, cancellation) makes every rank throw the
/// same <see cref="DistributedFaultException"/> at the next agreement; nobody waits in a collective that will not
/// complete. Sinks and progress are used on rank 0 only. One run per instance.
/// </summary>
public sealed class DistributedStreamingGraph
{
    /// <summary>The writer rank: sums, sinks, progress and summary.</summary>
    public const int WriterRank = 0;

    /// <summary>Most windows exchanged in one round (bounds the gather buffers).</summary>
    private const int MaxWindowsPerExchange = 16;

    /// <summary>
    /// Windows a rank collects before it starts a round (fewer only for the last windows of the run). Each round
    /// costs two collectives, two hand-offs to the MPI thread and, on the rank that arrives first, a wait that polls
    /// (MPI_Test, spin → yield → sleep): exchanging as soon as ONE window was ready made that ~1000 rounds per
    /// second of brunel-1000, and the waiting rank's polling took CPU the compute threads of both ranks need when
    /// ranks = cores. Eight windows per round cut the rounds eightfold; the cells still run ahead meanwhile (their
    /// stage holds <see cref="MaxWindowsPerExchange"/> more), so compute never waits for a round to start.
    /// </summary>
    private const int WindowsPerExchange = 8;

    private readonly IDistributedContext _context;
    private readonly BatchDecomposition _decomposition;
    private readonly IReadOnlyList<int> _populationOfBatch;
    private readonly WindowSchedule _schedule;
    private readonly RoutingTable _routing;
    private readonly IReadOnlyList<CellBatch> _localBatches;
    private readonly IReadOnlyList<string> _populations;
    private readonly IReadOnlyList<ProbeLayout> _probes;
    private readonly IReadOnlyList<IWindowSink> _sinks;
    private readonly StreamingGraphOptions _options;
    private readonly IProgress<GraphProgress>? _progress;
    private readonly int _valuesPerSample; // Σ over probes of channels
    private int _started;

    /// <summary>The buffer pool (tests check every buffer came back).</summary>
    public SignalBufferPool Pool { get; } = new();

    private bool IsWriter => _context.Rank == WriterRank;

    /// <param name="context">the ranks.</param>
    /// <param name="decomposition">batch ranges of all ranks (same on every rank).</param>
    /// <param name="populationOfBatch">population index of every GLOBAL batch (same on every rank).</param>
    /// <param name="schedule">the windows.</param>
    /// <param name="routing">gid → targets (global batch indices); targets of other ranks' batches are ignored.</param>
    /// <param name="localBatches">this rank's batches: exactly its range of the decomposition, in index order.</param>
    /// <param name="populations">population names.</param>
    /// <param name="probes">probe layouts.</param>
    /// <param name="sinks">sinks, used (written and completed) on the writer rank only: create file sinks on rank 0 alone.</param>
    /// <param name="options">threads and capacities of this rank.</param>
    /// <param name="progress">progress, reported on the writer rank only.</param>
    public DistributedStreamingGraph(IDistributedContext context, BatchDecomposition decomposition, IReadOnlyList<int> populationOfBatch,
        WindowSchedule schedule, RoutingTable routing, IReadOnlyList<CellBatch> localBatches, IReadOnlyList<string> populations,
        IReadOnlyList<ProbeLayout> probes, IReadOnlyList<IWindowSink> sinks, StreamingGraphOptions? options = null,
        IProgress<GraphProgress>? progress = null)
    {
        if (decomposition.RankCount != context.Size)
        {
            throw new ArgumentException($"the decomposition is for {decomposition.RankCount} ranks but the job has {context.Size}");
        }

        if (routing.BatchCount != decomposition.BatchCount || populationOfBatch.Count != decomposition.BatchCount)
        {
            throw new ArgumentException($"the decomposition has {decomposition.BatchCount} batches, the routing table {routing.BatchCount}, the population list {populationOfBatch.Count}");
        }

        var first = decomposition.FirstBatch(context.Rank);
        if (localBatches.Count != decomposition.BatchCountOf(context.Rank))
        {
            throw new ArgumentException($"rank {context.Rank} owns {decomposition.BatchCountOf(context.Rank)} batches but {localBatches.Count} are given");
        }

        for (var i = 0; i < localBatches.Count; i++)
        {
            if (localBatches[i].Index != first + i || localBatches[i].PopulationIndex != populationOfBatch[first + i])
            {
                throw new ArgumentException($"rank {context.Rank}: batch at position {i} is {localBatches[i].Index} of population {localBatches[i].PopulationIndex}; expected {first + i} of population {populationOfBatch[first + i]}");
            }
        }

        _context = context;
        _decomposition = decomposition;
        _populationOfBatch = populationOfBatch;
        _schedule = schedule;
        _routing = routing;
        _localBatches = localBatches;
        _populations = populations;
        _probes = probes;
        _sinks = context.Rank == WriterRank ? sinks : [];
        _options = options ?? new StreamingGraphOptions();
        _progress = context.Rank == WriterRank ? progress : null;
        _valuesPerSample = probes.Sum(p => p.ChannelCount);
    }

    /// <summary>
    /// Runs this rank's part to completion. Collective: every rank calls it. Returns on the writer rank the job's
    /// totals with <see cref="GraphRunStatistics.RankTimings"/>; on other ranks this rank's own counts.
    /// </summary>
    /// <exception cref="DistributedFaultException">some rank failed (the same on every rank).</exception>
    public async Task<GraphRunStatistics> RunAsync(IReadOnlyList<IAsyncEnumerable<SpikeChunk>> sources, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("a DistributedStreamingGraph runs once");
        }

        if (sources.Count == 0)
        {
            throw new ArgumentException("at least one spike source is required", nameof(sources));
        }

        var wall = Stopwatch.StartNew();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = cts.Token;
        var capacity = Math.Max(1, _options.BoundedCapacity);
        var merge = new TimeMergeBlock(sources.Count, capacity, token);
        var router = new EventRouterBlock(_schedule, _routing, capacity, token);
        // The cells may run up to one exchange round ahead, so a rank that is slower in one window (or an exchange
        // that waits) does not stall the others; bounded all the same (16 windows of this rank's batch buffers).
        var cells = new CellBatchBlock(_localBatches, _probes, Pool, _options.MaxDegreeOfParallelism, Math.Max(capacity, MaxWindowsPerExchange), token);
        var link = new DataflowLinkOptions { PropagateCompletion = true };
        merge.Output.LinkTo(router.Input, link);
        router.Output.LinkTo(cells.Block, link);

        TransformBlock<BatchWindowResults, WindowFrame>? sums = null;
        SinkBlock? sink = null;
        long events = 0; // progress only
        if (IsWriter)
        {
            var sumKernel = new PopulationSumKernel(_populationOfBatch, _populations, _probes, Pool);
            sums = new TransformBlock<BatchWindowResults, WindowFrame>(sumKernel.Sum,
                new ExecutionDataflowBlockOptions { BoundedCapacity = capacity, MaxDegreeOfParallelism = 1, CancellationToken = token });
            var windowsDone = 0;
            sink = new SinkBlock(_sinks, capacity, token, frame =>
            {
                events += frame.EventCount;
                windowsDone++;
                _progress?.Report(new GraphProgress(windowsDone, _schedule.WindowCount, frame.Window.EndTimeMs,
                    _schedule.TotalSteps * _schedule.DtMs, events));
            });
            sums.LinkTo(sink.Block, link);
        }

        IDataflowBlock[] stages = sums is null ? [router.Input, router.Output, cells.Block] : [router.Input, router.Output, cells.Block, sums, sink!.Block];
        foreach (var stage in stages)
        {
            _ = stage.Completion.ContinueWith(_ => cts.Cancel(), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        var pumps = sources.Select((source, i) => PumpAsync(source, merge.Input(i), i, token)).ToArray();

        // Collectives block, so the exchange loop owns a thread instead of starving the pool.
        var exchange = Task.Factory.StartNew(() => Exchange(merge, router, cells, sums, sink, wall, cts, token),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        Exception? failure = null;
        GraphRunStatistics statistics = default;
        try
        {
            statistics = await exchange.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            failure = e;
            cts.Cancel();
        }

        try
        {
            await Task.WhenAll(pumps).ConfigureAwait(false);
        }
        catch (Exception) when (failure is not null || token.IsCancellationRequested)
        {
            // already reported through the agreement
        }

        if (sink is not null)
        {
            try
            {
                await sink.Completion.ConfigureAwait(false);
            }
            catch (Exception) when (failure is not null)
            {
            }
        }

        foreach (var s in _sinks)
        {
            await s.CompleteAsync(failure is null).ConfigureAwait(false);
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }

        return statistics;
    }

    private GraphRunStatistics Exchange(TimeMergeBlock merge, EventRouterBlock router, CellBatchBlock cells,
        TransformBlock<BatchWindowResults, WindowFrame>? sums, SinkBlock? sink, Stopwatch wall, CancellationTokenSource cts, CancellationToken token)
    {
        // Downstream first, as RootCause expects.
        IDataflowBlock[] upstream = sums is null
            ? [cells.Block, router.Output, router.Input, merge.Output]
            : [sink!.Block, sums, cells.Block, router.Output, router.Input, merge.Output];
        var size = _context.Size;
        var counts = new int[size];
        double reduceSeconds = 0;
        var rounds = 0;
        long localEvents = 0;
        long globalEvents = 0;
        Exception? pending = null; // a failure on the writer's sum/sink side, reported at the next agreement
        var source = (IReceivableSourceBlock<BatchWindowResults>)cells.Block;
        var ready = new Queue<BatchWindowResults>();
        var cursors = new int[size];
        for (var k = 0; k < _schedule.WindowCount;)
        {
            var failure = pending;
            if (failure is null)
            {
                try
                {
                    // Wait for a round's worth of local windows (or the rest of the run), so rounds are few.
                    var wanted = Math.Min(WindowsPerExchange, _schedule.WindowCount - k);
                    while (ready.Count < wanted)
                    {
                        ready.Enqueue(Receive(source, upstream, k + ready.Count, token));
                    }

                    // Whatever else is already computed goes in the same exchange (fewer collectives per window).
                    while (ready.Count < MaxWindowsPerExchange && k + ready.Count < _schedule.WindowCount && source.TryReceive(out var more))
                    {
                        ready.Enqueue(more);
                    }
                }
                catch (Exception e)
                {
                    failure = e;
                }
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                // One all-reduce: the fault flag, and −(windows ready) whose maximum is −(fewest ready on any rank).
                if (DistributedFaults.Agree(_context, failure is null ? null : Describe(failure), failure is null ? -ready.Count : 0, out var fewest) is { } agreed)
                {
                    throw new DistributedFaultException(agreed.Rank, agreed.Message, agreed.Rank == _context.Rank ? failure : null);
                }

                var windows = new BatchWindowResults[(int)-fewest];
                var sendLength = 0;
                for (var j = 0; j < windows.Length; j++)
                {
                    windows[j] = ready.Dequeue();
                    localEvents += windows[j].EventCount;
                    sendLength += (windows[j].Buffers.Length * _valuesPerSample * windows[j].Window.SampleCount) + 1;
                }

                var send = Pool.Rent(sendLength);
                var offset = 0;
                foreach (var local in windows)
                {
                    offset = Pack(local, send, offset);
                }

                double[]? receive = null;
                if (IsWriter)
                {
                    for (var r = 0; r < size; r++)
                    {
                        counts[r] = windows.Sum(w => (_decomposition.BatchCountOf(r) * _valuesPerSample * w.Window.SampleCount) + 1);
                        cursors[r] = r == 0 ? 0 : cursors[r - 1] + counts[r - 1];
                    }

                    receive = Pool.Rent(counts.Sum());
                }

                _context.GatherV(send, receive, counts, WriterRank);
                Pool.Return(send);
                if (receive is not null)
                {
                    foreach (var local in windows)
                    {
                        var all = Unpack(local.Window, receive, cursors);
                        globalEvents += all.EventCount;
                        try
                        {
                            if (pending is null && !sums!.SendAsync(all, token).GetAwaiter().GetResult())
                            {
                                pending = new InvalidOperationException("the writer's sum stage stopped accepting windows");
                            }
                        }
                        catch (Exception e)
                        {
                            pending = e;
                        }
                    }

                    Pool.Return(receive);
                }

                k += windows.Length;
                rounds++;
            }
            finally
            {
                reduceSeconds += Stopwatch.GetElapsedTime(started).TotalSeconds;
            }
        }

        // The writer's outcome (every frame written?) decides for all ranks.
        Exception? final = pending;
        if (sums is not null && final is null)
        {
            sums.Complete();
            try
            {
                sink!.Completion.GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                final = e;
            }
        }

        if (DistributedFaults.Agree(_context, final is null ? null : Describe(final)) is { } last)
        {
            throw new DistributedFaultException(last.Rank, last.Message, last.Rank == _context.Rank ? final : null);
        }

        var localCells = _localBatches.Sum(b => b.CellCount);
        var mine = new RankTiming(_context.Rank, _localBatches.Count, localCells, cells.CellSteps, cells.ComputeSeconds, reduceSeconds,
            wall.Elapsed.TotalSeconds, rounds);
        var send1 = new double[RankTiming.FieldCount];
        mine.WriteTo(send1);
        var all1 = IsWriter ? new double[RankTiming.FieldCount * size] : null;
        _context.GatherV(send1, all1, Enumerable.Repeat(RankTiming.FieldCount, size).ToArray(), WriterRank);
        if (all1 is null)
        {
            return new GraphRunStatistics(localCells, _schedule.WindowCount, localEvents, cells.CellSteps);
        }

        var timings = Enumerable.Range(0, size).Select(r => RankTiming.ReadFrom(all1.AsSpan(r * RankTiming.FieldCount, RankTiming.FieldCount))).ToArray();
        return new GraphRunStatistics(timings.Sum(t => t.Cells), sink!.FramesWritten, globalEvents, timings.Sum(t => t.CellSteps))
        {
            RankTimings = timings,
        };
    }

    /// <summary>The next window's local results, or the exception that stopped this rank's pipeline.</summary>
    private static BatchWindowResults Receive(IReceivableSourceBlock<BatchWindowResults> block, IDataflowBlock[] upstream, int k, CancellationToken token)
    {
        while (true)
        {
            if (block.TryReceive(out var item))
            {
                return item;
            }

            bool available;
            try
            {
                available = block.OutputAvailableAsync(token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException canceled)
            {
                // Canceled because some block faulted (or the user stopped): report the fault, not the cancellation.
                try
                {
                    block.Completion.Wait(TimeSpan.FromSeconds(5));
                }
                catch (AggregateException)
                {
                }

                throw StreamingGraph.RootCause(upstream, canceled);
            }

            if (!available)
            {
                if (block.Completion.IsFaulted)
                {
                    throw StreamingGraph.RootCause(upstream, block.Completion.Exception!);
                }

                token.ThrowIfCancellationRequested();
                throw new InvalidOperationException($"the cell batches stopped before window {k}");
            }
        }
    }

    private static string Describe(Exception e) => e switch
    {
        OperationCanceledException => "the run was canceled",
        AggregateException a when a.InnerExceptions.Count > 0 => Describe(a.Flatten().InnerExceptions[0]),
        _ => $"{e.Message} ({e.GetType().Name})",
    };

    /// <summary>
    /// Send layout of one window, appended at <paramref name="offset"/>: batch by batch (range order), probe by probe,
    /// each channels × samples row-major; then the window's event count. Returns the offset after it.
    /// </summary>
    private int Pack(BatchWindowResults local, double[] send, int offset)
    {
        foreach (var perProbe in local.Buffers)
        {
            foreach (var buffer in perProbe)
            {
                buffer.CopyTo(send, offset);
                offset += buffer.Length;
                Pool.Return(buffer);
            }
        }

        send[offset] = local.EventCount; // exact below 2^53
        return offset + 1;
    }

    /// <summary>
    /// One window from the gathered data (rank r's windows start at cursors[r], which advance past this window):
    /// ranks in order = global batch order, rebuilt as Buffers[batch][probe] for the sum kernel.
    /// </summary>
    private BatchWindowResults Unpack(WindowInfo window, double[] receive, int[] cursors)
    {
        var buffers = new double[_decomposition.BatchCount][][];
        long events = 0;
        var b = 0;
        for (var r = 0; r < cursors.Length; r++)
        {
            for (var i = 0; i < _decomposition.BatchCountOf(r); i++, b++)
            {
                buffers[b] = new double[_probes.Count][];
                for (var p = 0; p < _probes.Count; p++)
                {
                    var length = _probes[p].ChannelCount * window.SampleCount;
                    buffers[b][p] = Pool.Rent(length);
                    receive.AsSpan(cursors[r], length).CopyTo(buffers[b][p]);
                    cursors[r] += length;
                }
            }

            events += (long)receive[cursors[r]];
            cursors[r]++;
        }

        return new BatchWindowResults(window, buffers, events);
    }

    private static async Task PumpAsync(IAsyncEnumerable<SpikeChunk> source, ITargetBlock<SpikeChunk> input, int index, CancellationToken token)
    {
        try
        {
            await foreach (var chunk in source.WithCancellation(token).ConfigureAwait(false))
            {
                if (!await input.SendAsync(chunk, token).ConfigureAwait(false))
                {
                    return;
                }
            }

            input.Complete();
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            input.Fault(new OperationCanceledException(token));
        }
        catch (Exception e)
        {
            input.Fault(new SpikeSourceException(index, e));
        }
    }
}
