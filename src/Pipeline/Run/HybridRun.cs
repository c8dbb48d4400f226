using System.Diagnostics;
using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Blocks.Sinks;
using HybridLfp.Streaming.Pipeline.Building;
using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Run;

/// <summary>
/// Where description meets execution: builds every cell of a recipe (placement per population, then each cell from
/// its own streams or injected draws, batches in parallel — the result does not depend on the thread count),
/// the routing table and the window schedule, runs the <see cref="StreamingGraph"/> and returns a
/// <see cref="RunSummary"/>.
/// </summary>
public sealed class HybridRun(ICellBatchKernelFactory kernels, ICellSegmentsProvider morphologies, ISpikeSourceFactory? spikes = null)
{
    private readonly ISpikeSourceFactory _spikes = spikes ?? new InlineSpikeSourceFactory();

    /// <summary>The built cells, per batch of <see cref="BatchPlan.Create"/>.</summary>
    public static CellConnectivity[][] BuildCells(RecipeDescription recipe, ICellSegmentsProvider morphologies, int maxDegreeOfParallelism)
    {
        var plan = BatchPlan.Create(recipe);
        var segments = recipe.Populations.Select(y => y.CellCount > 0 && y.Injected is null ? morphologies.Segments(y) : null).ToArray();
        var positions = recipe.Populations.Select(y => y.Injected is null ? SomaPlacementBuilder.Place(recipe, y) : null).ToArray();
        var cells = new CellConnectivity[plan.Length][];
        Parallel.For(0, plan.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism) }, b =>
        {
            var slot = plan[b];
            var y = recipe.Populations[slot.PopulationIndex];
            cells[b] = new CellConnectivity[slot.CellCount];
            for (var i = 0; i < slot.CellCount; i++)
            {
                var draws = CellDrawsBuilder.Build(recipe, y, slot.FirstCell + i, segments[slot.PopulationIndex], positions[slot.PopulationIndex]);
                cells[b][i] = CellConnectivityBuilder.Build(recipe, y, draws);
            }
        });
        return cells;
    }

    public async Task<RunSummary> RunAsync(RecipeDescription recipe, IReadOnlyList<IWindowSink> sinks, StreamingGraphOptions options,
        IProgress<GraphProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var plan = BatchPlan.Create(recipe);
        var cells = BuildCells(recipe, morphologies, options.MaxDegreeOfParallelism);
        var schedule = WindowSchedule.Create(recipe.DtMs, recipe.DtOutputMs, recipe.TstopMs, DelayBounds.MinimumDelayMs(recipe));
        var batches = plan.Select(slot =>
        {
            var y = recipe.Populations[slot.PopulationIndex];
            return new CellBatch(slot.Index, y.Name, slot.PopulationIndex, slot.FirstCell, kernels.Create(recipe, y, cells[slot.Index], schedule));
        }).ToArray();
        var graph = new StreamingGraph(schedule, RoutingTableBuilder.Create(cells), batches,
            [.. recipe.Populations.Select(y => y.Name)], kernels.ProbeLayouts(recipe), sinks, options, progress);
        var stats = await graph.RunAsync([.. recipe.Network.Select(x => _spikes.Open(recipe, x, cancellationToken))], cancellationToken)
            .ConfigureAwait(false);
        long compartments = recipe.Populations.Where(y => y.CellCount > 0)
            .Sum(y => (long)morphologies.Segments(y).SegmentCount * y.CellCount);
        return new RunSummary(stats.Cells, compartments, stats.Events, stats.Windows, schedule.TotalSteps * schedule.DtMs,
            stats.CellSteps, stopwatch.Elapsed, RunSummary.CurrentPeakWorkingSet());
    }
}
