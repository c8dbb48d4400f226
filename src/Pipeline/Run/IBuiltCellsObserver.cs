using HybridLfp.Streaming.Pipeline.Building;

namespace HybridLfp.Streaming.Pipeline.Run;

/// <summary>
/// Sees every built cell of a run once, before the simulation starts: <see cref="HybridRun"/> calls it batch by batch
/// in batch-index order (so population by population, cells in index order) on the writer rank only; with several
/// ranks, that rank also builds (without simulating) the batches of the others. Used for cell metadata.
/// </summary>
public interface IBuiltCellsObserver
{
    /// <summary>The cells of batch <paramref name="slot"/>, in cell order.</summary>
    void OnBatchBuilt(BatchSlot slot, IReadOnlyList<CellConnectivity> cells);
}
