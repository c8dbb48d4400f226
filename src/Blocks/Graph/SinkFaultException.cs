namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>A sink failed writing a window (disk full, closed consumer, …); names the sink and the window.</summary>
public sealed class SinkFaultException : Exception
{
    public string Sink { get; }

    public int WindowIndex { get; }

    public SinkFaultException(string sink, in WindowInfo window, Exception inner)
        : base($"sink {sink}, window {window.Index} [{window.StartTimeMs}, {window.EndTimeMs}] ms: {inner.Message}", inner)
    {
        Sink = sink;
        WindowIndex = window.Index;
        Data["Sink"] = sink;
        Data["Window"] = window.Index;
    }
}
