namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>
/// Synchronous core of a file reader: yields spikes in file order, in batches, with population indices into the
/// table it was opened with. <see cref="OrderedSpikeSource"/>
/// turns it into a time-ordered stream. Threading: one thread at a time.
/// </summary>
public interface ISpikeBatchReader : IDisposable
{
    /// <summary>Fills <paramref name="destination"/> from the start; returns how many were written, 0 at the end.</summary>
    int Read(Span<SpikeEvent> destination);
}
