namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>Progress of a running graph, reported after each window written.</summary>
/// <param name="WindowsDone">windows written to the sinks.</param>
/// <param name="WindowCount">windows in the run.</param>
/// <param name="SimulatedMs">simulated time completed, ms.</param>
/// <param name="TstopMs">simulated time of the whole run, ms.</param>
/// <param name="Events">synaptic events delivered so far.</param>
public readonly record struct GraphProgress(int WindowsDone, int WindowCount, double SimulatedMs, double TstopMs, long Events);
