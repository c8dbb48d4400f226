namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>One window's synaptic events, per batch, sorted (time, cell, synapse). Immutable once sent.</summary>
public sealed class RoutedWindow
{
    public WindowInfo Window { get; }

    /// <summary>EventsByBatch[b]: events of batch b in this window.</summary>
    public IReadOnlyList<BatchEvent[]> EventsByBatch { get; }

    /// <summary>Total events in this window.</summary>
    public long EventCount { get; }

    public RoutedWindow(WindowInfo window, IReadOnlyList<BatchEvent[]> eventsByBatch)
    {
        Window = window;
        EventsByBatch = eventsByBatch;
        EventCount = eventsByBatch.Sum(e => (long)e.Length);
    }
}
