using System.Runtime.CompilerServices;
using System.Threading.Channels;

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

    /// <summary>
    /// Streams the file in time order. The ordering kernel runs on a thread-pool task a few chunks ahead of the
    /// consumer (bounded channel), so reading, parsing and sorting overlap with whatever consumes the chunks, and
    /// several sources being merged are read in parallel. Order and content do not depend on timing.
    /// </summary>
    public async IAsyncEnumerable<SpikeChunk> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<SpikeChunk>(new BoundedChannelOptions(PrefetchChunks)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var producer = Task.Run(() => ProduceAsync(channel.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var chunk in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return chunk;
            }

            await producer.ConfigureAwait(false);
        }
        finally
        {
            // Early exit (or an error): stop the producer, wait for it, and return the chunks nobody will read.
            // (The producer never faults: its errors reach the consumer through the channel.)
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);

            while (channel.Reader.TryRead(out var left))
            {
                left.Dispose();
            }
        }
    }

    /// <summary>Chunks the kernel may run ahead of the consumer.</summary>
    private const int PrefetchChunks = 4;

    private static readonly SemaphoreSlim s_firstPassGate = new(2, 2);

    private async Task ProduceAsync(ChannelWriter<SpikeChunk> writer, CancellationToken cancellationToken)
    {
        SpikeChunk? chunk = null;
        try
        {
            using var kernel = CreateKernel();
            bool first = true;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                chunk = SpikeChunk.Rent(Populations, _options.ChunkLength);
                bool any;
                if (first)
                {
                    // The first fill runs the kernel's first pass (a few run-sized buffers): at most two at once,
                    // so reading many files in parallel does not multiply that memory.
                    first = false;
                    await s_firstPassGate.WaitAsync(cancellationToken).ConfigureAwait(false);
                    try
                    {
                        any = kernel.Fill(chunk);
                    }
                    finally
                    {
                        s_firstPassGate.Release();
                    }
                }
                else
                {
                    any = kernel.Fill(chunk);
                }

                if (!any)
                {
                    break;
                }

                // Later spikes are never earlier than the last one given (the kernels emit in stream order).
                chunk.WatermarkMs = chunk.Spikes[^1].TimeMs;
                while (!writer.TryWrite(chunk))
                {
                    if (!await writer.WaitToWriteAsync(cancellationToken).ConfigureAwait(false))
                    {
                        return;
                    }
                }

                chunk = null;
            }

            writer.TryComplete();
        }
        catch (Exception e)
        {
            writer.TryComplete(e);
        }
        finally
        {
            chunk?.Dispose();
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
