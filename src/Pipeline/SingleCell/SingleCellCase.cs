using System.Collections.Immutable;
using HybridLfp.Streaming.Numerics.Discretization;
using HybridLfp.Streaming.Numerics.Morphology;
using HybridLfp.Streaming.Numerics.Simulation;

namespace HybridLfp.Streaming.Pipeline.SingleCell;

/// <summary>
/// The <c>inputs</c> of a single-cell reference case (schema in ../shared/reference/README.md), parsed and checked:
/// morphology, nseg rule, LFPy.Cell parameters, transform, synapses with their spike times, recording.
/// </summary>
public sealed record SingleCellCase(
    string Source,
    MorphologyDescription Morphology,
    NsegRule Nseg,
    double CmUfPerCm2,
    double RaOhmCm,
    PassiveMembrane Passive,
    double VInitMv,
    double DtMs,
    double TStopMs,
    SingleCellTransform? Transform,
    ImmutableArray<SingleCellSynapse> Synapses,
    ImmutableArray<int> ImemIdx,
    ImmutableArray<int> VmemIdx,
    int Decimate);

/// <summary>LFPy set_pos (soma midpoint to Position, µm) then set_rotation (radians, order x, y, z; null = none).</summary>
public sealed record SingleCellTransform(double[]? Position, double? RotationX, double? RotationY, double? RotationZ);

/// <summary>A synapse of the case: where and what (segment resolved), plus its spike times (ms).</summary>
public sealed record SingleCellSynapse(SynapseDescription Synapse, ImmutableArray<double> SpikeTimesMs)
{
    /// <summary>Section name given in the input (checked against the morphology), or null.</summary>
    public string? SectionName { get; init; }

    /// <summary>seg.x given in the input (used when no segment index is given), or null.</summary>
    public double? SegmentX { get; init; }

    /// <summary>Where in the input file this synapse is (for errors).</summary>
    public string Path { get; init; } = "";
}
