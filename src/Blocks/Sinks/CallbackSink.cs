using HybridLfp.Streaming.Blocks.Graph;

namespace HybridLfp.Streaming.Blocks.Sinks;

/// <summary>Calls a delegate for every frame (valid only during the call), for embedding.</summary>
public sealed class CallbackSink(Func<WindowFrame, CancellationToken, ValueTask> onFrame) : IWindowSink
{
    public ValueTask WriteAsync(WindowFrame frame, CancellationToken cancellationToken) => onFrame(frame, cancellationToken);

    public ValueTask CompleteAsync(bool success) => ValueTask.CompletedTask;
}
