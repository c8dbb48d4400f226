using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Run;

/// <summary>
/// Every network population's spike source of a run, started before the cells are built (see
/// <see cref="PrefetchedSpikeSource"/>): reading and sorting spike files then overlaps with building instead of
/// delaying the first window. Disposing stops the readers that are still running.
/// </summary>
internal sealed class PrefetchedSpikeSources : IAsyncDisposable
{
    private readonly List<PrefetchedSpikeSource> _sources = [];

    /// <summary>Opens and starts the sources in network order, each keeping up to <paramref name="capacity"/> chunks ahead.</summary>
    public static async Task<PrefetchedSpikeSources> StartAsync(RecipeDescription recipe, ISpikeSourceFactory factory, int capacity,
        CancellationToken cancellationToken)
    {
        var started = new PrefetchedSpikeSources();
        try
        {
            foreach (var population in recipe.Network)
            {
                started._sources.Add(PrefetchedSpikeSource.Start(factory.Open(recipe, population, cancellationToken), capacity, cancellationToken));
            }

            return started;
        }
        catch
        {
            await started.DisposeAsync().ConfigureAwait(false); // the ones already reading
            throw;
        }
    }

    /// <summary>The sources for <see cref="StreamingGraph.RunAsync"/>, in network order.</summary>
    public IReadOnlyList<IAsyncEnumerable<SpikeChunk>> Readers(CancellationToken cancellationToken) =>
        [.. _sources.Select(s => s.ReadAllAsync(cancellationToken))];

    public async ValueTask DisposeAsync()
    {
        foreach (var source in _sources)
        {
            await source.DisposeAsync().ConfigureAwait(false);
        }
    }
}
