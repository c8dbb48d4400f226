using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Run.Engine;

/// <summary>
/// Spike sources for embedding: network populations listed in <paramref name="live"/> read the given streams
/// (e.g. <c>channel.Reader.ReadAllAsync()</c>; chunks time-ordered, each with its watermark); every other population
/// uses <paramref name="fallback"/> (default: the recipe's own sources).
/// </summary>
public sealed class LiveSpikeSourceFactory(IReadOnlyDictionary<string, IAsyncEnumerable<SpikeChunk>> live, ISpikeSourceFactory? fallback = null) : ISpikeSourceFactory
{
    private readonly ISpikeSourceFactory _fallback = fallback ?? new RecipeSpikeSourceFactory();

    public IAsyncEnumerable<SpikeChunk> Open(RecipeDescription recipe, NetworkPopulationDescription population, CancellationToken cancellationToken) =>
        live.TryGetValue(population.Name, out var stream) ? stream : _fallback.Open(recipe, population, cancellationToken);
}
