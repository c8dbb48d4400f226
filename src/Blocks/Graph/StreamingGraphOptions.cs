namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>Execution options of a <see cref="StreamingGraph"/> (never affect results, only speed and memory).</summary>
public sealed record StreamingGraphOptions
{
    /// <summary>Threads running cell batches of a window concurrently.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Messages each block may hold (spike chunks, windows, frames); bounds memory.</summary>
    public int BoundedCapacity { get; init; } = 4;
}
