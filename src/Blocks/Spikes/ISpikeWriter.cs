namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>
/// A spike sink that appends chunks as they arrive (memory bounded by its buffers, not by the stream length).
/// <see cref="Complete"/> flushes and closes the file; disposing without it still closes the file.
/// Threading: one thread at a time. The caller keeps ownership of the chunks it passes in.
/// </summary>
public interface ISpikeWriter : IDisposable
{
    /// <summary>Appends the chunk's spikes (in stream order).</summary>
    void Write(SpikeChunk chunk);

    /// <summary>Flushes everything and closes the file.</summary>
    void Complete();
}
