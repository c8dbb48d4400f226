namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>What a graph run did.</summary>
/// <param name="Cells">cells simulated.</param>
/// <param name="Windows">windows written.</param>
/// <param name="Events">synaptic events delivered (arrivals ≤ tstop).</param>
/// <param name="CellSteps">cell × time-step updates.</param>
public readonly record struct GraphRunStatistics(int Cells, int Windows, long Events, long CellSteps);
