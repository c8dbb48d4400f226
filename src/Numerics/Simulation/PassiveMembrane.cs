namespace HybridLfp.Streaming.Numerics.Simulation;

/// <summary>NEURON's <c>pas</c> mechanism, inserted in every section (or none).</summary>
/// <param name="Inserted">false: no leak at all (LFPy passive=False).</param>
/// <param name="GPasSPerCm2">leak conductance, S/cm².</param>
/// <param name="EPasMv">leak reversal potential, mV.</param>
public sealed record PassiveMembrane(bool Inserted, double GPasSPerCm2, double EPasMv);
