namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>Where a presynaptic spike goes: cell <paramref name="Cell"/> (index within batch <paramref name="Batch"/>), synapse <paramref name="Synapse"/> of that cell, after <paramref name="DelayMs"/> ms.</summary>
public readonly record struct RouteTarget(int Batch, int Cell, int Synapse, double DelayMs);
