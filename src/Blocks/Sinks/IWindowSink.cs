using HybridLfp.Streaming.Blocks.Graph;

namespace HybridLfp.Streaming.Blocks.Sinks;

/// <summary>
/// Receives window frames in window order, one at a time (never concurrently). A frame is valid only during
/// <see cref="WriteAsync"/>; copy what must be kept. <see cref="CompleteAsync"/> is called once after the last frame
/// on success, and also after a fault or cancellation so files written so far are closed and stay readable.
/// </summary>
public interface IWindowSink
{
    ValueTask WriteAsync(WindowFrame frame, CancellationToken cancellationToken);

    /// <param name="success">false if the run faulted or was canceled (write what is needed to leave valid files).</param>
    ValueTask CompleteAsync(bool success);
}
