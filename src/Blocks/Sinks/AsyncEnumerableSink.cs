using System.Threading.Channels;
using HybridLfp.Streaming.Blocks.Graph;

namespace HybridLfp.Streaming.Blocks.Sinks;

/// <summary>
/// Exposes frames as an <see cref="IAsyncEnumerable{T}"/> of owned <see cref="FrameSnapshot"/>s through a bounded
/// channel: a consumer that reads slowly back-pressures the whole graph (nothing is buffered beyond
/// <c>capacity</c> frames). The sequence ends when the run completes, and throws if it faulted.
/// </summary>
public sealed class AsyncEnumerableSink : IWindowSink
{
    private readonly Channel<FrameSnapshot> _channel;

    public AsyncEnumerableSink(int capacity = 4)
    {
        _channel = Channel.CreateBounded<FrameSnapshot>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The frames, in window order.</summary>
    public IAsyncEnumerable<FrameSnapshot> Frames(CancellationToken cancellationToken = default) => _channel.Reader.ReadAllAsync(cancellationToken);

    public ValueTask WriteAsync(WindowFrame frame, CancellationToken cancellationToken) =>
        _channel.Writer.WriteAsync(new FrameSnapshot(frame), cancellationToken);

    public ValueTask CompleteAsync(bool success)
    {
        _channel.Writer.TryComplete(success ? null : new OperationCanceledException("the run did not complete successfully"));
        return ValueTask.CompletedTask;
    }
}
