namespace HybridLfp.Streaming.Blocks.Distributed;

/// <summary>
/// A fault on some rank ended the distributed run; thrown on EVERY rank with the same rank and message (the lowest
/// failing rank's, if several failed in the same window). On the failing rank <see cref="Exception.InnerException"/>
/// is the original exception.
/// </summary>
public sealed class DistributedFaultException : Exception
{
    /// <summary>The rank where the fault happened.</summary>
    public int FailingRank { get; }

    /// <summary>The failing rank's error message (with its context: population, cells, window).</summary>
    public string FailureMessage { get; }

    public DistributedFaultException(int failingRank, string failureMessage, Exception? inner = null)
        : base($"rank {failingRank} failed: {failureMessage}", inner)
    {
        FailingRank = failingRank;
        FailureMessage = failureMessage;
    }
}
