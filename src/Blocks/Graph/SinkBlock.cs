using System.Threading.Tasks.Dataflow;
using HybridLfp.Streaming.Blocks.Sinks;

namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>
/// The last stage: gives each frame to every sink in order, then returns the frame's buffers to the pool. Bounded,
/// so a slow sink back-pressures the whole graph. Sinks are completed by <see cref="StreamingGraph"/>, also after
/// a fault, so what was written stays readable.
/// </summary>
public sealed class SinkBlock
{
    private readonly ActionBlock<WindowFrame> _block;

    public ITargetBlock<WindowFrame> Block => _block;

    public Task Completion => _block.Completion;

    /// <summary>Frames written.</summary>
    public int FramesWritten => Volatile.Read(ref _framesWritten);

    private int _framesWritten;

    public SinkBlock(IReadOnlyList<IWindowSink> sinks, int boundedCapacity, CancellationToken cancellationToken, Action<WindowFrame>? onWritten = null)
    {
        _block = new ActionBlock<WindowFrame>(async frame =>
        {
            try
            {
                foreach (var sink in sinks)
                {
                    try
                    {
                        await sink.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        throw new SinkFaultException(sink.GetType().Name, frame.Window, e);
                    }
                }

                Interlocked.Increment(ref _framesWritten);
                onWritten?.Invoke(frame);
            }
            finally
            {
                frame.Dispose();
            }
        }, new ExecutionDataflowBlockOptions { BoundedCapacity = boundedCapacity, MaxDegreeOfParallelism = 1, CancellationToken = cancellationToken });
    }
}
