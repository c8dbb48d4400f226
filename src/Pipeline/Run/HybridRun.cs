using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using HybridLfp.Streaming.Blocks.Distributed;
using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Blocks.Sinks;
using HybridLfp.Streaming.Pipeline.Building;
using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Run;

/// <summary>
/// Where description meets execution: builds every cell of a recipe (placement per population, then each cell from
/// its own streams or injected draws, batches in parallel — the result does not depend on the thread count),
/// the routing table and the window schedule, runs the <see cref="StreamingGraph"/> and returns a
/// <see cref="RunSummary"/>. Across the ranks of an <see cref="IDistributedContext"/> (default: one process), each rank
/// builds and simulates only its own contiguous range of batches and rank 0 writes (see <see cref="DistributedStreamingGraph"/>):
/// the outputs are bit-identical for any rank count. An optional <see cref="IBuiltCellsObserver"/> sees every built
/// cell once, on the writer rank, before the simulation starts (cell metadata).
/// </summary>
public sealed class HybridRun(ICellBatchKernelFactory kernels, ICellSegmentsProvider morphologies, ISpikeSourceFactory? spikes = null,
    IDistributedContext? context = null, IBuiltCellsObserver? builtCells = null)
{
    private readonly ISpikeSourceFactory _spikes = spikes ?? new InlineSpikeSourceFactory();
    private readonly IDistributedContext _context = context ?? LocalContext.Instance;

    /// <summary>The built cells, per batch of <see cref="BatchPlan.Create"/>.</summary>
    public static CellConnectivity[][] BuildCells(RecipeDescription recipe, ICellSegmentsProvider morphologies, int maxDegreeOfParallelism) =>
        BuildCells(recipe, morphologies, maxDegreeOfParallelism, 0, BatchPlan.Create(recipe).Length);

    /// <summary>
    /// The built cells of batches <paramref name="firstBatch"/> … <paramref name="firstBatch"/> + <paramref name="batchCount"/> − 1
    /// (element i is batch firstBatch + i): a rank builds its own range only, since no cell depends on another.
    /// </summary>
    public static CellConnectivity[][] BuildCells(RecipeDescription recipe, ICellSegmentsProvider morphologies, int maxDegreeOfParallelism,
        int firstBatch, int batchCount)
    {
        var slots = BatchRange(recipe, firstBatch, batchCount);
        var inputs = PreparePopulations(recipe, morphologies, slots, maxDegreeOfParallelism);
        var cells = new CellConnectivity[batchCount][];
        ForEachBatch(batchCount, maxDegreeOfParallelism, b => cells[b] = BuildBatchCells(recipe, slots[b], inputs[slots[b].PopulationIndex]!));
        return cells;
    }

    private static BatchSlot[] BatchRange(RecipeDescription recipe, int firstBatch, int batchCount)
    {
        var plan = BatchPlan.Create(recipe);
        ArgumentOutOfRangeException.ThrowIfNegative(firstBatch);
        ArgumentOutOfRangeException.ThrowIfNegative(batchCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstBatch + batchCount, plan.Length);
        return [.. plan.Skip(firstBatch).Take(batchCount)];
    }

    // What building cells needs of a population, once per population the slots touch (null for the others): its
    // discretized morphology and its soma positions (placement couples a population's cells, so a rank places every
    // population it touches in full). Populations in parallel: each reads its own morphology file.
    private sealed record PopulationInputs(ICellSegments? Segments, Point3[]? SomaPositionsUm);

    private static PopulationInputs?[] PreparePopulations(RecipeDescription recipe, ICellSegmentsProvider morphologies,
        IReadOnlyList<BatchSlot> slots, int maxDegreeOfParallelism)
    {
        var needed = slots.Select(s => s.PopulationIndex).ToHashSet();
        var inputs = new PopulationInputs?[recipe.Populations.Length];
        ForEachBatch(inputs.Length, maxDegreeOfParallelism, i =>
        {
            var y = recipe.Populations[i];
            if (needed.Contains(i))
            {
                inputs[i] = y.Injected is not null
                    ? new PopulationInputs(null, null)
                    : new PopulationInputs(y.CellCount > 0 ? morphologies.Segments(y) : null, SomaPlacementBuilder.Place(recipe, y));
            }
        });
        return inputs;
    }

    private static CellConnectivity[] BuildBatchCells(RecipeDescription recipe, BatchSlot slot, PopulationInputs inputs)
    {
        var y = recipe.Populations[slot.PopulationIndex];
        var cells = new CellConnectivity[slot.CellCount];
        for (var i = 0; i < slot.CellCount; i++)
        {
            var draws = CellDrawsBuilder.Build(recipe, y, slot.FirstCell + i, inputs.Segments, inputs.SomaPositionsUm);
            cells[i] = CellConnectivityBuilder.Build(recipe, y, draws);
        }

        return cells;
    }

    // Batches firstBatch … firstBatch + batchCount − 1, each built in one go on one thread: its cells, then its kernel
    // (transformation matrices of every cell and probe, SoA state), so no thread waits for all cells before kernels start.
    private (CellConnectivity[][] Cells, CellBatch[] Batches) BuildBatches(RecipeDescription recipe, int firstBatch, int batchCount,
        WindowSchedule schedule, int maxDegreeOfParallelism)
    {
        var slots = BatchRange(recipe, firstBatch, batchCount);
        var inputs = PreparePopulations(recipe, morphologies, slots, maxDegreeOfParallelism);
        var cells = new CellConnectivity[batchCount][];
        var batches = new CellBatch[batchCount];
        ForEachBatch(batchCount, maxDegreeOfParallelism, b =>
        {
            var slot = slots[b];
            var y = recipe.Populations[slot.PopulationIndex];
            cells[b] = BuildBatchCells(recipe, slot, inputs[slot.PopulationIndex]!);
            batches[b] = new CellBatch(slot.Index, y.Name, slot.PopulationIndex, slot.FirstCell, kernels.Create(recipe, y, cells[b], schedule));
        });
        return (cells, batches);
    }

    // Runs body(0 … count − 1) on up to maxDegreeOfParallelism threads; each index writes only its own results, so
    // they do not depend on the thread count. If any fails, the lowest failing index's own exception is rethrown (not
    // an AggregateException in thread order): the same message for any thread count.
    private static void ForEachBatch(int count, int maxDegreeOfParallelism, Action<int> body)
    {
        var errors = new Exception?[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism) }, i =>
        {
            try
            {
                body(i);
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
        });

        if (errors.FirstOrDefault(e => e is not null) is { } error)
        {
            ExceptionDispatchInfo.Throw(error);
        }
    }

    /// <summary>
    /// Runs the recipe into <paramref name="sinks"/>. Collective when the context has several ranks: every rank calls
    /// it; the sinks and <paramref name="progress"/> are used on rank 0 only (pass none elsewhere), and rank 0's summary
    /// carries the job's totals and <see cref="RunSummary.Ranks"/>.
    /// </summary>
    /// <exception cref="DistributedFaultException">with several ranks (or a dry-run/MPI context): a rank failed while
    /// building or running; thrown on every rank with the failing rank's message.</exception>
    public async Task<RunSummary> RunAsync(RecipeDescription recipe, IReadOnlyList<IWindowSink> sinks, StreamingGraphOptions options,
        IProgress<GraphProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (_context is not LocalContext)
        {
            return await RunDistributedAsync(recipe, sinks, options, progress, cancellationToken).ConfigureAwait(false);
        }

        var stopwatch = Stopwatch.StartNew();
        var plan = BatchPlan.Create(recipe);
        // The spike files are read and sorted while the cells are built.
        await using var spikes = await PrefetchedSpikeSources.StartAsync(recipe, _spikes, Math.Max(1, options.BoundedCapacity), cancellationToken)
            .ConfigureAwait(false);
        var schedule = WindowSchedule.Create(recipe.DtMs, recipe.DtOutputMs, recipe.TstopMs, DelayBounds.MinimumDelayMs(recipe));
        var (cells, batches) = BuildBatches(recipe, 0, plan.Length, schedule, options.MaxDegreeOfParallelism);
        if (builtCells is not null)
        {
            foreach (var slot in plan)
            {
                builtCells.OnBatchBuilt(slot, cells[slot.Index]);
            }
        }

        var graph = new StreamingGraph(schedule, RoutingTableBuilder.Create(cells), batches,
            [.. recipe.Populations.Select(y => y.Name)], kernels.ProbeLayouts(recipe), sinks, options, progress);
        var stats = await graph.RunAsync(spikes.Readers(cancellationToken), cancellationToken).ConfigureAwait(false);
        long compartments = recipe.Populations.Where(y => y.CellCount > 0)
            .Sum(y => (long)morphologies.Segments(y).SegmentCount * y.CellCount);
        return new RunSummary(stats.Cells, compartments, stats.Events, stats.Windows, schedule.TotalSteps * schedule.DtMs,
            stats.CellSteps, stopwatch.Elapsed, RunSummary.CurrentPeakWorkingSet());
    }

    // The writer rank reports every batch in batch order: its own as built, the other ranks' built here (not simulated),
    // one rank's range at a time so placement runs once per range and only one foreign range is held at once.
    private void ReportAllBuiltCells(RecipeDescription recipe, ImmutableArray<BatchSlot> plan, BatchDecomposition decomposition,
        CellConnectivity[][] mine, int maxDegreeOfParallelism)
    {
        for (var rank = 0; rank < _context.Size; rank++)
        {
            var first = decomposition.FirstBatch(rank);
            var count = decomposition.BatchCountOf(rank);
            var cells = rank == _context.Rank ? mine : BuildCells(recipe, morphologies, maxDegreeOfParallelism, first, count);
            for (var b = 0; b < count; b++)
            {
                builtCells!.OnBatchBuilt(plan[first + b], cells[b]);
            }
        }
    }

    private async Task<RunSummary> RunDistributedAsync(RecipeDescription recipe, IReadOnlyList<IWindowSink> sinks, StreamingGraphOptions options,
        IProgress<GraphProgress>? progress, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var plan = BatchPlan.Create(recipe);
        var schedule = WindowSchedule.Create(recipe.DtMs, recipe.DtOutputMs, recipe.TstopMs, DelayBounds.MinimumDelayMs(recipe));
        BatchDecomposition? decomposition = null;
        CellConnectivity[][]? allCells = null;
        CellBatch[] local = [];
        CellConnectivity[][] mine = [];
        IReadOnlyList<ProbeLayout> probes = [];
        long compartments = 0;
        Exception? buildError = null;
        PrefetchedSpikeSources? spikes = null;
        try
        {
            // Every rank reads every source (routing is cheap); the files are read and sorted while the cells are built.
            spikes = await PrefetchedSpikeSources.StartAsync(recipe, _spikes, Math.Max(1, options.BoundedCapacity), cancellationToken)
                .ConfigureAwait(false);

            // Work of a batch ∝ cells × compartments per cell (the cable solve dominates).
            var segmentCounts = recipe.Populations.Select(y => y.CellCount > 0 ? morphologies.Segments(y).SegmentCount : 0).ToArray();
            compartments = recipe.Populations.Select((y, i) => (long)segmentCounts[i] * y.CellCount).Sum();
            decomposition = BatchDecomposition.Create([.. plan.Select(s => (double)s.CellCount * segmentCounts[s.PopulationIndex])], _context.Size);
            var first = decomposition.FirstBatch(_context.Rank);
            var count = decomposition.BatchCountOf(_context.Rank);
            (mine, local) = BuildBatches(recipe, first, count, schedule, options.MaxDegreeOfParallelism);

            // The routing table spans every batch of the job; other ranks' batches have no targets here (the graph ignores them).
            allCells = new CellConnectivity[plan.Length][];
            for (var b = 0; b < plan.Length; b++)
            {
                allCells[b] = b >= first && b < first + count ? mine[b - first] : [];
            }

            probes = kernels.ProbeLayouts(recipe);
        }
        catch (Exception e)
        {
            buildError = e;
        }

        await using var started = spikes;

        // Every rank learns whether any rank failed to build before anyone enters the graph's collectives.
        DistributedFaults.ThrowIfAnyFailed(_context, buildError);

        // Cell metadata only after every rank has built its own cells (a bad cell is reported by the rank that owns it);
        // then the writer rank builds the others' batches as well. A second agreement (every rank takes part, the
        // others with nothing to report) keeps all ranks out of the graph if that fails.
        Exception? metadataError = null;
        if (builtCells is not null && _context.Rank == DistributedStreamingGraph.WriterRank)
        {
            try
            {
                ReportAllBuiltCells(recipe, plan, decomposition!, mine, options.MaxDegreeOfParallelism);
            }
            catch (Exception e)
            {
                metadataError = e;
            }
        }

        DistributedFaults.ThrowIfAnyFailed(_context, metadataError);
        var graph = new DistributedStreamingGraph(_context, decomposition!, [.. plan.Select(s => s.PopulationIndex)], schedule,
            RoutingTableBuilder.Create(allCells!), local, [.. recipe.Populations.Select(y => y.Name)], probes, sinks, options, progress);
        var stats = await graph.RunAsync(spikes!.Readers(cancellationToken), cancellationToken).ConfigureAwait(false);
        return new RunSummary(stats.Cells, compartments, stats.Events, stats.Windows, schedule.TotalSteps * schedule.DtMs,
            stats.CellSteps, stopwatch.Elapsed, RunSummary.CurrentPeakWorkingSet())
        {
            Ranks = stats.RankTimings,
        };
    }
}
