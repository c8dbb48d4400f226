namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>A spike source failed (bad file, out-of-order spikes, producer error); names the source.</summary>
public sealed class SpikeSourceException : Exception
{
    /// <summary>0-based index of the source in the graph.</summary>
    public int SourceIndex { get; }

    public SpikeSourceException(int sourceIndex, Exception inner)
        : base(inner is SpikeSourceException ? inner.Message : $"spike source {sourceIndex}: {inner.Message}", inner)
    {
        SourceIndex = inner is SpikeSourceException s ? s.SourceIndex : sourceIndex;
        Data["SourceIndex"] = SourceIndex;
    }
}
