namespace HybridLfp.Streaming.Blocks.Distributed;

/// <summary>The job was aborted by <see cref="IDistributedContext.Abort"/> (on this or another rank).</summary>
public sealed class DistributedAbortException(int rank, string message)
    : Exception($"job aborted by rank {rank}: {message}")
{
    /// <summary>The rank that called Abort.</summary>
    public int AbortingRank { get; } = rank;

    /// <summary>The message given to Abort.</summary>
    public string AbortMessage { get; } = message;
}
