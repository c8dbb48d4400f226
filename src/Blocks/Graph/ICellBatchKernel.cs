namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>
/// The synchronous engine of one cell batch (fixed group of cells of one population): owns the cells' state and
/// advances it window by window. The engine's batched cable solver implements this through an adapter.
/// Called by one thread at a time, windows strictly in order; must not keep references to the events or the
/// output after returning.
/// </summary>
public interface ICellBatchKernel
{
    /// <summary>Cells in the batch.</summary>
    int CellCount { get; }

    /// <summary>
    /// Advances every cell from <see cref="WindowInfo.StartTimeMs"/> to <see cref="WindowInfo.EndTimeMs"/>,
    /// delivering <paramref name="events"/> (sorted by time, cell, synapse), and adds the batch's summed probe
    /// signals for the window's output samples into <paramref name="output"/>.
    /// </summary>
    void AdvanceWindow(in WindowInfo window, ReadOnlySpan<BatchEvent> events, BatchOutput output);
}
