using System.Collections.Immutable;

namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>The injected draws of every cell of a population, indexed by cell index.</summary>
public sealed record InjectedPopulationDescription(ImmutableArray<CellDrawsDescription> Cells);
