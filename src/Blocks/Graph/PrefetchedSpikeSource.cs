using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>
/// Starts reading a spike source at once, on the thread pool, into a small bounded buffer, so that opening, parsing
/// and sorting spike files overlaps with building the cells instead of delaying the first window; the graph later
/// reads exactly the same chunks in the same order (<see cref="ReadAllAsync"/>). The buffer holds at most
/// <c>capacity</c> chunks, so memory stays bounded: the reader simply waits once it is full. A fault of the source is
/// rethrown by <see cref="ReadAllAsync"/> after the chunks read before it. <see cref="DisposeAsync"/> stops the
/// reader (also when the run never started, e.g. a cell failed to build).
/// </summary>
public sealed class PrefetchedSpikeSource : IAsyncDisposable
{
    private readonly Channel<SpikeChunk> _buffer;
    private readonly CancellationTokenSource _stop;
    private readonly Task _reader;
    private ExceptionDispatchInfo? _fault;
    private int _consumed;

    private PrefetchedSpikeSource(IAsyncEnumerable<SpikeChunk> source, int capacity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _buffer = Channel.CreateBounded<SpikeChunk>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _reader = Task.Run(() => ReadSourceAsync(source, _stop.Token), CancellationToken.None);
    }

    /// <summary>Starts reading <paramref name="source"/> now, keeping up to <paramref name="capacity"/> chunks ahead.</summary>
    public static PrefetchedSpikeSource Start(IAsyncEnumerable<SpikeChunk> source, int capacity, CancellationToken cancellationToken = default) =>
        new(source, capacity, cancellationToken);

    /// <summary>The source's chunks, in order; then its fault, if it had one. Enumerate once.</summary>
    public async IAsyncEnumerable<SpikeChunk> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _consumed, 1) != 0)
        {
            throw new InvalidOperationException("a prefetched spike source is read once");
        }

        await foreach (var chunk in _buffer.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return chunk;
        }

        _fault?.Throw();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _reader.ConfigureAwait(false); // never throws: faults are kept for the consumer
        _stop.Dispose();
    }

    private async Task ReadSourceAsync(IAsyncEnumerable<SpikeChunk> source, CancellationToken token)
    {
        try
        {
            await foreach (var chunk in source.WithCancellation(token).ConfigureAwait(false))
            {
                await _buffer.Writer.WriteAsync(chunk, token).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            // A cancellation is kept as well: a consumer must never mistake a stopped reader for the source's end.
            _fault = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            _buffer.Writer.TryComplete();
        }
    }
}
