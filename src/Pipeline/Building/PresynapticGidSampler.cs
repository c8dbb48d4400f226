using HybridLfp.Streaming.Numerics.Randomness;
using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Building;

/// <summary>
/// Draws presynaptic gids uniformly (with replacement, duplicates allowed, as hybridLFPy) from a network
/// population. <see cref="PresynapticSampling.FullRange"/> uses [first, last];
/// <see cref="PresynapticSampling.HybridLfpyExcludeLast"/> reproduces hybridLFPy's
/// <c>randint(first, last)</c>, whose exclusive upper bound never selects the last gid.
/// </summary>
public static class PresynapticGidSampler
{
    public static void Sample(ref CounterRandom rng, NetworkPopulationDescription x, PresynapticSampling mode, Span<long> destination)
    {
        var high = mode == PresynapticSampling.HybridLfpyExcludeLast && x.Count > 1 ? x.LastGid : x.LastGid + 1;
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = rng.NextInRange(x.FirstGid, high);
        }
    }
}
