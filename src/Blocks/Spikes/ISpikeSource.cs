namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>
/// A time-ordered spike stream. Every call of <see cref="ReadAsync"/> starts from the beginning (offline sources)
/// or attaches to the live stream. Chunks are in stream order (time, then node id) across the whole stream, and each
/// carries a watermark. The consumer owns and disposes each chunk.
/// </summary>
public interface ISpikeSource
{
    /// <summary>Name for messages (usually the file path).</summary>
    string Name { get; }

    /// <summary>True when chunks may arrive slowly and empty watermark-only chunks are meaningful.</summary>
    bool IsLive { get; }

    /// <summary>Population names for the chunks' <see cref="SpikeEvent.Population"/> indices.</summary>
    SpikePopulationTable Populations { get; }

    IAsyncEnumerable<SpikeChunk> ReadAsync(CancellationToken cancellationToken = default);
}
