namespace HybridLfp.Streaming.Numerics.Simulation;

/// <summary>Point-process synapse models (NMODL names as in NEURON / LFPy / hybridLFPy).</summary>
public enum SynapseKind
{
    /// <summary>Current-based exponential: i = −w·exp(−(t−t₀)/τ) (nA), summed over events, dropped after 20 τ.</summary>
    ExpSynI,

    /// <summary>Current-based alpha: i = −w·x·exp(1−x), x = (t−t₀)/τ, summed over events, dropped after x &gt; 20.</summary>
    AlphaISyn,

    /// <summary>Conductance-based exponential (NEURON's ExpSyn): g jumps by w (µS), decays with τ; i = g·(v − e).</summary>
    ExpSyn,

    /// <summary>Conductance-based two-exponential (NEURON's Exp2Syn): g = B − A, normalized peak w (µS); i = g·(v − e).</summary>
    Exp2Syn,
}
