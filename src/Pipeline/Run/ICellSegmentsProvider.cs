using HybridLfp.Streaming.Pipeline.Building;
using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Run;

/// <summary>The discretized morphology of a population (from the morphology readers and the engine's discretization).</summary>
public interface ICellSegmentsProvider
{
    /// <summary>Segments of every cell of <paramref name="population"/> (untransformed).</summary>
    ICellSegments Segments(PopulationDescription population);
}
