namespace HybridLfp.Streaming.Numerics.Simulation;

/// <summary>
/// Receives a cell's transmembrane currents as the simulation produces them, one output sample at a time — the
/// seam between the cable solver and the forward models ("probes at run time", as LFPy's
/// <c>cell.simulate(probes=[…])</c>). Implementations (projections onto electrodes, the current dipole moment,
/// recorders) may buffer samples into time blocks and must not allocate per call.
/// </summary>
public interface IMembraneCurrentSink
{
    /// <summary>
    /// One sample of transmembrane currents, NEURON's <c>i_membrane_</c> (capacitive + ionic + synaptic,
    /// electrode currents excluded), in nA, one value per segment in LFPy segment order, positive outward.
    /// </summary>
    /// <param name="sampleIndex">0-based output sample index (sample 0 is t = 0).</param>
    /// <param name="timeMs">simulation time of the sample, ms (NEURON's accumulated t).</param>
    /// <param name="membraneCurrentsNa">currents, nA; valid only during the call.</param>
    void OnSample(int sampleIndex, double timeMs, ReadOnlySpan<double> membraneCurrentsNa);

    /// <summary>Called once after the last sample, so buffered blocks can be flushed.</summary>
    void Complete();
}
