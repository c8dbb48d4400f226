namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>One spike: presynaptic gid and time, ms.</summary>
public readonly record struct SpikeEvent(long Gid, double TimeMs);
