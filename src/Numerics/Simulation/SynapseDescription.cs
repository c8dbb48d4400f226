namespace HybridLfp.Streaming.Numerics.Simulation;

/// <summary>One synapse (a NEURON point process at the centre of a segment).</summary>
/// <param name="Segment">segment index (LFPy order).</param>
/// <param name="Kind">model.</param>
/// <param name="Weight">NetCon weight: µS for ExpSyn/Exp2Syn, nA for ExpSynI/AlphaISyn (positive = depolarizing for the current-based ones).</param>
/// <param name="TauMs">decay time constant τ, ms (ExpSynI, AlphaISyn, ExpSyn).</param>
/// <param name="Tau1Ms">rise time constant τ₁, ms (Exp2Syn).</param>
/// <param name="Tau2Ms">decay time constant τ₂, ms (Exp2Syn).</param>
/// <param name="ReversalMv">reversal potential e, mV (ExpSyn, Exp2Syn).</param>
public sealed record SynapseDescription(
    int Segment,
    SynapseKind Kind,
    double Weight,
    double TauMs = 0,
    double Tau1Ms = 0,
    double Tau2Ms = 0,
    double ReversalMv = 0)
{
    /// <summary>True when the current does not depend on v (the cable matrix stays constant).</summary>
    public bool IsCurrentBased => Kind is SynapseKind.ExpSynI or SynapseKind.AlphaISyn;
}
