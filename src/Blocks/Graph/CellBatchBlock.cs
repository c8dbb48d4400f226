using System.Threading.Tasks.Dataflow;

namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>
/// Runs every cell batch through each window: windows one after another (each batch's state moves forward in
/// order), the batches of a window in parallel (up to <c>maxDegreeOfParallelism</c> threads, <see cref="IndexForkJoin"/>), each writing into its own
/// pooled buffers. Which batch finishes first does not matter: the results are kept by batch index and summed
/// later in that order. The batches may be any contiguous range of global indices (a rank's share under MPI); the
/// results' <see cref="BatchWindowResults.Buffers"/> are then in that range's order. A kernel exception becomes a <see cref="CellBatchFaultException"/> naming population,
/// cells and window (the lowest failing batch index, deterministic) and faults the block.
/// </summary>
public sealed class CellBatchBlock
{
    private readonly IReadOnlyList<CellBatch> _batches;
    private readonly IReadOnlyList<ProbeLayout> _probes;
    private readonly SignalBufferPool _pool;
    private readonly IndexForkJoin _forkJoin;
    private readonly TransformBlock<RoutedWindow, BatchWindowResults> _block;

    // The window being computed (Run is called for one window at a time), read by AdvanceBatch on every thread.
    private RoutedWindow? _routed;
    private double[][][] _buffers = [];
    private CellBatchFaultException?[] _faults = [];

    public IPropagatorBlock<RoutedWindow, BatchWindowResults> Block => _block;

    /// <summary>Cell-steps advanced so far (cells × steps).</summary>
    public long CellSteps => Interlocked.Read(ref _cellSteps);

    /// <summary>Wall time spent computing windows (cable solve + projection of all batches), s.</summary>
    public double ComputeSeconds => Interlocked.Read(ref _computeTicks) / (double)System.Diagnostics.Stopwatch.Frequency;

    private long _cellSteps;
    private long _computeTicks;

    public CellBatchBlock(IReadOnlyList<CellBatch> batches, IReadOnlyList<ProbeLayout> probes, SignalBufferPool pool,
        int maxDegreeOfParallelism, int boundedCapacity, CancellationToken cancellationToken)
    {
        var first = batches.Count > 0 ? batches[0].Index : 0;
        for (var i = 0; i < batches.Count; i++)
        {
            if (batches[i].Index != first + i)
            {
                throw new ArgumentException($"batch at position {i} has index {batches[i].Index}; batches must be a contiguous range listed in index order");
            }
        }

        _batches = batches;
        _probes = probes;
        _pool = pool;
        _forkJoin = new IndexForkJoin(AdvanceBatch, Math.Max(1, maxDegreeOfParallelism));
        _block = new TransformBlock<RoutedWindow, BatchWindowResults>(Run, new ExecutionDataflowBlockOptions
        {
            BoundedCapacity = boundedCapacity,
            MaxDegreeOfParallelism = 1,
            CancellationToken = cancellationToken,
        });
    }

    private BatchWindowResults Run(RoutedWindow routed)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var buffers = new double[_batches.Count][][];
        var faults = new CellBatchFaultException?[_batches.Count];
        (_routed, _buffers, _faults) = (routed, buffers, faults);
        _forkJoin.Run(_batches.Count);
        _routed = null;

        if (Array.Find(faults, f => f is not null) is { } fault)
        {
            foreach (var perProbe in buffers.Where(perProbe => perProbe is not null))
            {
                foreach (var buffer in perProbe)
                {
                    _pool.Return(buffer);
                }
            }

            throw fault;
        }

        // Events delivered to THESE batches (all of them in a single process; a rank's share under MPI).
        long events = 0;
        foreach (var batch in _batches)
        {
            events += routed.EventsByBatch[batch.Index].Length;
        }

        Interlocked.Add(ref _computeTicks, System.Diagnostics.Stopwatch.GetTimestamp() - started);
        return new BatchWindowResults(routed.Window, buffers, events);
    }

    // Batch b of the current window, on whichever thread: its own buffers, its own fault slot.
    private void AdvanceBatch(int b)
    {
        var batch = _batches[b];
        var window = _routed!.Window;
        try
        {
            var perProbe = new double[_probes.Count][];
            for (var p = 0; p < perProbe.Length; p++)
            {
                perProbe[p] = _pool.Rent(_probes[p].ChannelCount * window.SampleCount);
            }

            _buffers[b] = perProbe;
            batch.Kernel.AdvanceWindow(window, _routed.EventsByBatch[batch.Index], new BatchOutput(perProbe, window.SampleCount));
            Interlocked.Add(ref _cellSteps, (long)batch.CellCount * window.StepCount);
        }
        catch (Exception e)
        {
            _faults[b] = new CellBatchFaultException(batch, window, e);
        }
    }
}
