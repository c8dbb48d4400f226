using System.Collections.Concurrent;
using HybridLfp.Streaming.Pipeline.Building;
using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Run.Engine;

/// <summary>
/// <see cref="ICellSegmentsProvider"/> backed by the engine's discretization: each population's morphology is read
/// and discretized once (nseg by the recipe's rule, e.g. lambda_f) and cached. Thread-safe.
/// </summary>
public sealed class DiscretizedMorphologyProvider : ICellSegmentsProvider
{
    private readonly ConcurrentDictionary<PopulationDescription, Lazy<PopulationMorphology>> _cache = new(ReferenceEqualityComparer.Instance);

    /// <summary>The population's discretized morphology (built on first use).</summary>
    public PopulationMorphology Morphology(PopulationDescription population) =>
        _cache.GetOrAdd(population, y => new Lazy<PopulationMorphology>(() => PopulationMorphology.Create(y))).Value;

    public ICellSegments Segments(PopulationDescription population) => Morphology(population).Segments;
}
