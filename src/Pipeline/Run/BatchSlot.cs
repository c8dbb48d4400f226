namespace HybridLfp.Streaming.Pipeline.Run;

/// <summary>One batch of the plan: cells FirstCell … FirstCell + CellCount − 1 of population PopulationIndex.</summary>
public readonly record struct BatchSlot(int Index, int PopulationIndex, int FirstCell, int CellCount);
