namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>What a file promises about the order of its spikes.</summary>
public enum SpikeFileOrder
{
    /// <summary>No promise (or sorted by id): sorted in bounded memory by runs and a k-way merge.</summary>
    Unknown,

    /// <summary>Claims time order (SONATA <c>sorting=by_time</c>): streamed directly, and a violation is an error.</summary>
    ByTime,
}
