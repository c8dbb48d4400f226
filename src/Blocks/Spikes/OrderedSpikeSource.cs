using System.Runtime.CompilerServices;

namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>
/// Offline source over one file-ordered reader: streams it in time order (verifying a time-order claim, or sorting
/// in bounded memory with <see cref="ExternalSortKernel"/>). Each <see cref="ReadAsync"/> opens the file anew.
/// </summary>
public sealed class OrderedSpikeSource : ISpikeSource
{
    private readonly Func<SpikePopulationTable, SpikeReaderOptions, ISpikeBatchReader> _open;
    private readonly SpikeFileOrder _order;
    private readonly SpikeReaderOptions _options;

    /// <param name="name">Name for messages (file path).</param>
    /// <param name="populations">Table the reader's population indices refer to.</param>
    /// <param name="open">Opens the file-order reader with the given options (called once per <see cref="ReadAsync"/>,
    /// and once more when a time-ordered prefix is read a second time).</param>
    /// <param name="order">What the file promises about order.</param>
    /// <param name="options">Run and chunk sizes.</param>
    public OrderedSpikeSource(string name, SpikePopulationTable populations, Func<SpikePopulationTable, SpikeReaderOptions, ISpikeBatchReader> open, SpikeFileOrder order, SpikeReaderOptions options)
    {
        Name = name;
        Populations = populations;
        _open = open;
        _order = order;
        _options = options;
    }

    public string Name { get; }

    public bool IsLive => false;

    public SpikePopulationTable Populations { get; }

    public async IAsyncEnumerable<SpikeChunk> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        using var kernel = CreateKernel();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = SpikeChunk.Rent(Populations, _options.ChunkLength);
            bool any;
            try
            {
                any = kernel.Fill(chunk);
            }
            catch
            {
                chunk.Dispose();
                throw;
            }

            if (!any)
            {
                chunk.Dispose();
                yield break;
            }

            // Later spikes are never earlier than the last one given (the kernels emit in stream order).
            chunk.WatermarkMs = chunk.Spikes[^1].TimeMs;
            yield return chunk;
        }
    }

    private ISpikeOrderingKernel CreateKernel()
    {
        if (_order == SpikeFileOrder.ByTime)
        {
            return new ClaimedOrderKernel(_open(Populations, _options), Name, _options.ChunkLength);
        }

        // The second read of a prefix must not count its malformed lines again: they go to a report nobody reads.
        var rereadOptions = _options with { MalformedReport = new MalformedLineReport() };
        return new ExternalSortKernel(reread => _open(Populations, reread ? rereadOptions : _options), Name, _options.RunLength, _options.TempDirectory);
    }
}
