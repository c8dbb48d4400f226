using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Run;

/// <summary>Serves <see cref="SpikeSourceKind.Inline"/> sources; other kinds need the spike I/O readers.</summary>
public sealed class InlineSpikeSourceFactory : ISpikeSourceFactory
{
    public IAsyncEnumerable<SpikeChunk> Open(RecipeDescription recipe, NetworkPopulationDescription population, CancellationToken cancellationToken) =>
        population.Source.Kind == SpikeSourceKind.Inline
            ? InlineSpikeSource.Read(population.Source, cancellationToken: cancellationToken)
            : throw new NotSupportedException($"network.{population.Name}: spike sources of kind {population.Source.Kind} need the spike I/O readers");
}
