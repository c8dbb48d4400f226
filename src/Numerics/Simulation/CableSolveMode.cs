namespace HybridLfp.Streaming.Numerics.Simulation;

/// <summary>How <see cref="SingleCellKernel"/> builds and solves the cable matrix each step.</summary>
public enum CableSolveMode
{
    /// <summary>
    /// Exactly NEURON's sequence: every mechanism's conductance by numerical difference at every step, the full
    /// matrix assembled and eliminated every step (two divisions per node). Bit-level NEURON semantics.
    /// </summary>
    NeuronExact,

    /// <summary>
    /// Default. The leak conductance is used exactly (NEURON's numerical difference differs from it by ~1e-12
    /// relative), so the matrix is constant except at conductance-based synapses: the elimination of every node
    /// whose subtree has none is computed once and reused; only the ancestors of such synapses are re-eliminated
    /// each step. Agrees with <see cref="NeuronExact"/> to ~1e-12 of each trace's maximum.
    /// </summary>
    Factorized,
}
