namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>How a synapse's presynaptic gid is drawn from a network population's gid range [first, last].</summary>
public enum PresynapticSampling
{
    /// <summary>Uniform over [first, last], every neuron can be drawn (default).</summary>
    FullRange = 0,

    /// <summary>
    /// As hybridLFPy: <c>np.random.randint(first, last)</c> excludes the upper bound, so the last gid of each
    /// network population is never presynaptic. Uniform over [first, last − 1].
    /// </summary>
    HybridLfpyExcludeLast = 1,
}
