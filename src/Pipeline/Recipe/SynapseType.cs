namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>Synapse models of the engine.</summary>
public enum SynapseType
{
    /// <summary>Current-based exponential (weight nA).</summary>
    ExpSynI,
    /// <summary>Current-based alpha function (weight nA).</summary>
    AlphaISyn,
    /// <summary>Conductance-based exponential (weight µS).</summary>
    ExpSyn,
    /// <summary>Conductance-based two-exponential (weight µS).</summary>
    Exp2Syn,
}
