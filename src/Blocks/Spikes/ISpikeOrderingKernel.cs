namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>Synchronous engine that turns a file-ordered <see cref="ISpikeBatchReader"/> into stream order.</summary>
internal interface ISpikeOrderingKernel : IDisposable
{
    /// <summary>Appends spikes in stream order until the chunk is full or the data ends; false once nothing is left.</summary>
    bool Fill(SpikeChunk chunk);
}
