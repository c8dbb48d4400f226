using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Pipeline.Building;
using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Run;

/// <summary>
/// Creates the engine for each batch (the single-cell engine + forward models plug in here through an adapter):
/// the probes' output shapes, and a kernel for a batch of built cells.
/// </summary>
public interface ICellBatchKernelFactory
{
    /// <summary>Output shape of every probe of the recipe, in recipe order.</summary>
    IReadOnlyList<ProbeLayout> ProbeLayouts(RecipeDescription recipe);

    /// <summary>A kernel for <paramref name="cells"/> (consecutive cells of <paramref name="population"/>, in cell order).</summary>
    ICellBatchKernel Create(RecipeDescription recipe, PopulationDescription population, IReadOnlyList<CellConnectivity> cells, WindowSchedule schedule);
}
