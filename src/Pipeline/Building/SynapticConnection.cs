namespace HybridLfp.Streaming.Pipeline.Building;

/// <summary>A connection: spikes of <paramref name="PresynapticGid"/> arrive at synapse <paramref name="SynapseIndex"/> after <paramref name="DelayMs"/> ms.</summary>
public readonly record struct SynapticConnection(long PresynapticGid, int SynapseIndex, double DelayMs);
