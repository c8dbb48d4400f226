using HybridLfp.Streaming.Blocks.Distributed;
using HybridLfp.Streaming.Pipeline.Run.Outputs;

namespace HybridLfp.Streaming.Pipeline.Run.Engine;

/// <summary>A <see cref="HybridRun"/> wired to the real engine: discretized morphologies, batched cable solver + forward models, recipe spike sources.</summary>
public static class EngineHybridRun
{
    /// <param name="spikes">spike sources; default the recipe's own (files, generators, inline).</param>
    /// <param name="context">the ranks (MPI or dry run); default one process.</param>
    /// <param name="singleCells">kept single-cell contributions (null: none, the default).</param>
    /// <param name="builtCells">sees every built cell on the writer rank (cell metadata), or null.</param>
    public static HybridRun Create(ISpikeSourceFactory? spikes = null, IDistributedContext? context = null,
        SingleCellContributions? singleCells = null, IBuiltCellsObserver? builtCells = null)
    {
        var morphologies = new DiscretizedMorphologyProvider();
        return new HybridRun(new EngineCellBatchKernelFactory(morphologies, singleCells), morphologies, spikes ?? new RecipeSpikeSourceFactory(), context,
            builtCells);
    }
}
