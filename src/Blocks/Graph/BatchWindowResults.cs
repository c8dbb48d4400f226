namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>
/// All batches' results of one window: Buffers[batch][probe] (channels × samples, pooled). Owned by whoever holds
/// it; <see cref="PopulationSumKernel"/> returns the buffers to the pool after summing.
/// </summary>
public sealed class BatchWindowResults(WindowInfo window, double[][][] buffers, long eventCount)
{
    public WindowInfo Window { get; } = window;

    public double[][][] Buffers { get; } = buffers;

    public long EventCount { get; } = eventCount;
}
