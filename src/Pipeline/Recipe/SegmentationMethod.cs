namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>How the number of segments per section is chosen (NEURON/LFPy <c>nsegs_method</c>).</summary>
public enum SegmentationMethod
{
    /// <summary>nseg = int((L/(d_lambda·λ_f) + 0.9)/2)·2 + 1.</summary>
    LambdaF,
    /// <summary>nseg = int(L/fixed_length) + 1.</summary>
    FixedLength,
    /// <summary>nseg given.</summary>
    Fixed,
}
