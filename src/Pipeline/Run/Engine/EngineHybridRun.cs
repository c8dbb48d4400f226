namespace HybridLfp.Streaming.Pipeline.Run.Engine;

/// <summary>A <see cref="HybridRun"/> wired to the real engine: discretized morphologies, batched cable solver + forward models, recipe spike sources.</summary>
public static class EngineHybridRun
{
    /// <param name="spikes">spike sources; default the recipe's own (files, generators, inline).</param>
    public static HybridRun Create(ISpikeSourceFactory? spikes = null)
    {
        var morphologies = new DiscretizedMorphologyProvider();
        return new HybridRun(new EngineCellBatchKernelFactory(morphologies), morphologies, spikes ?? new RecipeSpikeSourceFactory());
    }
}
