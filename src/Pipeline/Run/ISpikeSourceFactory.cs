using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Run;

/// <summary>Opens a network population's spike source as time-ordered chunks with watermarks (the spike I/O readers plug in here).</summary>
public interface ISpikeSourceFactory
{
    IAsyncEnumerable<SpikeChunk> Open(RecipeDescription recipe, NetworkPopulationDescription population, CancellationToken cancellationToken);
}
