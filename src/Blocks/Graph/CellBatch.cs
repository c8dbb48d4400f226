namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>
/// A batch: cells <see cref="FirstCell"/> … <see cref="FirstCell"/> + <see cref="CellCount"/> − 1 of population
/// <see cref="Population"/>, and the kernel simulating them. Batch indices are global and fixed by the recipe;
/// results are summed in batch-index order.
/// </summary>
/// <param name="Index">global batch index (position in the graph's batch list).</param>
/// <param name="Population">population name.</param>
/// <param name="PopulationIndex">index of the population in the graph's population list.</param>
/// <param name="FirstCell">first cell index (within the population).</param>
/// <param name="Kernel">the batch's engine.</param>
public sealed record CellBatch(int Index, string Population, int PopulationIndex, int FirstCell, ICellBatchKernel Kernel)
{
    public int CellCount => Kernel.CellCount;
}
