using System.Runtime.ExceptionServices;
using System.Threading.Tasks.Dataflow;
using HybridLfp.Streaming.Blocks.Sinks;

namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>
/// The run graph of DESIGN §2: sources → <see cref="TimeMergeBlock"/> → <see cref="EventRouterBlock"/> →
/// <see cref="CellBatchBlock"/> → population sums and total (<see cref="PopulationSumKernel"/>) →
/// <see cref="SinkBlock"/>. Every block bounded; completion propagates; the first fault (with its context) cancels
/// the rest and is rethrown by <see cref="RunAsync"/>; sinks are completed in every case. One run per instance.
/// </summary>
public sealed class StreamingGraph
{
    private readonly WindowSchedule _schedule;
    private readonly RoutingTable _routing;
    private readonly IReadOnlyList<CellBatch> _batches;
    private readonly IReadOnlyList<string> _populations;
    private readonly IReadOnlyList<ProbeLayout> _probes;
    private readonly IReadOnlyList<IWindowSink> _sinks;
    private readonly StreamingGraphOptions _options;
    private readonly IProgress<GraphProgress>? _progress;
    private int _started;

    /// <summary>The buffer pool (tests check every buffer came back).</summary>
    public SignalBufferPool Pool { get; } = new();

    public StreamingGraph(WindowSchedule schedule, RoutingTable routing, IReadOnlyList<CellBatch> batches,
        IReadOnlyList<string> populations, IReadOnlyList<ProbeLayout> probes, IReadOnlyList<IWindowSink> sinks,
        StreamingGraphOptions? options = null, IProgress<GraphProgress>? progress = null)
    {
        if (routing.BatchCount != batches.Count)
        {
            throw new ArgumentException($"the routing table addresses {routing.BatchCount} batches but {batches.Count} are given");
        }

        _schedule = schedule;
        _routing = routing;
        _batches = batches;
        _populations = populations;
        _probes = probes;
        _sinks = sinks;
        _options = options ?? new StreamingGraphOptions();
        _progress = progress;
    }

    /// <summary>Runs the graph over <paramref name="sources"/> (each time-ordered, with watermarks) to completion.</summary>
    public async Task<GraphRunStatistics> RunAsync(IReadOnlyList<IAsyncEnumerable<SpikeChunk>> sources, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("a StreamingGraph runs once");
        }

        if (sources.Count == 0)
        {
            throw new ArgumentException("at least one spike source is required", nameof(sources));
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = cts.Token;
        var capacity = Math.Max(1, _options.BoundedCapacity);
        var merge = new TimeMergeBlock(sources.Count, capacity, token);
        var router = new EventRouterBlock(_schedule, _routing, capacity, token);
        var cells = new CellBatchBlock(_batches, _probes, Pool, _options.MaxDegreeOfParallelism, capacity, token);
        var sumKernel = new PopulationSumKernel(_batches, _populations, _probes, Pool);
        var sums = new TransformBlock<BatchWindowResults, WindowFrame>(sumKernel.Sum,
            new ExecutionDataflowBlockOptions { BoundedCapacity = capacity, MaxDegreeOfParallelism = 1, CancellationToken = token });
        long events = 0;
        var windowsDone = 0;
        var sink = new SinkBlock(_sinks, capacity, token, frame =>
        {
            events += frame.EventCount;
            windowsDone++;
            _progress?.Report(new GraphProgress(windowsDone, _schedule.WindowCount, frame.Window.EndTimeMs,
                _schedule.TotalSteps * _schedule.DtMs, events));
        });

        var link = new DataflowLinkOptions { PropagateCompletion = true };
        merge.Output.LinkTo(router.Input, link);
        router.Output.LinkTo(cells.Block, link);
        cells.Block.LinkTo(sums, link);
        sums.LinkTo(sink.Block, link);

        // The first fault anywhere cancels everything else, so no block waits forever on a full neighbour.
        IDataflowBlock[] stages = [router.Input, router.Output, cells.Block, sums, sink.Block];
        foreach (var stage in stages)
        {
            _ = stage.Completion.ContinueWith(_ => cts.Cancel(), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        var pumps = sources.Select((source, i) => PumpAsync(source, merge.Input(i), i, token)).ToArray();
        Exception? failure = null;
        try
        {
            await sink.Completion.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            failure = e;
        }

        try
        {
            await Task.WhenAll(pumps).ConfigureAwait(false);
        }
        catch (Exception e) when (failure is not null || e is OperationCanceledException)
        {
            failure ??= e;
        }

        var root = failure is null ? null : RootCause([sink.Block, sums, cells.Block, router.Output, router.Input, merge.Output], failure);
        foreach (var s in _sinks)
        {
            await s.CompleteAsync(root is null).ConfigureAwait(false);
        }

        if (root is not null)
        {
            if (root is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("the run was canceled", root, cancellationToken);
            }

            ExceptionDispatchInfo.Capture(root).Throw();
        }

        var cellCount = _batches.Sum(b => b.CellCount);
        return new GraphRunStatistics(cellCount, sink.FramesWritten, events, cells.CellSteps);
    }

    private static async Task PumpAsync(IAsyncEnumerable<SpikeChunk> source, ITargetBlock<SpikeChunk> input, int index, CancellationToken token)
    {
        try
        {
            await foreach (var chunk in source.WithCancellation(token).ConfigureAwait(false))
            {
                if (!await input.SendAsync(chunk, token).ConfigureAwait(false))
                {
                    return; // the graph is shutting down; its fault is reported by the blocks
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

    /// <summary>
    /// The originating fault: faults travel downstream (PropagateCompletion) and everything else is then canceled,
    /// so the most upstream block holding a non-secondary exception (not a cancellation, not a declined send) is
    /// where it started.
    /// </summary>
    internal static Exception RootCause(IDataflowBlock[] downstreamFirst, Exception fallback)
    {
        Exception? found = null;
        foreach (var block in downstreamFirst)
        {
            if (!block.Completion.IsFaulted)
            {
                continue;
            }

            foreach (var e in block.Completion.Exception!.Flatten().InnerExceptions)
            {
                if (!IsSecondary(e))
                {
                    found = e; // a more upstream block, visited later, overrides
                    break;
                }
            }
        }

        if (found is not null)
        {
            return found;
        }

        var flat = fallback is AggregateException a ? a.Flatten().InnerExceptions : [fallback];
        return flat.FirstOrDefault(e => !IsSecondary(e)) ?? flat[0];
    }

    internal static bool IsSecondary(Exception e) =>
        e is OperationCanceledException || (e is InvalidOperationException && e.Message.Contains("declined", StringComparison.Ordinal));
}
