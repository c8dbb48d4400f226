using HybridLfp.Streaming.Numerics.Cells;
using HybridLfp.Streaming.Numerics.Geometry;
using HybridLfp.Streaming.Numerics.Simulation;

namespace HybridLfp.Streaming.Pipeline.SingleCell;

/// <summary>Everything <c>hlfp cell</c> writes, plus timing.</summary>
public sealed class SingleCellRunResult
{
    public required SingleCellCase Case { get; init; }

    /// <summary>The placed cell (final geometry).</summary>
    public required Cell Cell { get; init; }

    /// <summary>Geometry before the case's transform (after LFPy's initial set_pos to the origin).</summary>
    public required CellGeometry UntransformedGeometry { get; init; }

    /// <summary>Soma position before the transform, µm.</summary>
    public required Position3 UntransformedSomaPosition { get; init; }

    /// <summary>Number of simulated samples without decimation (int(tstop/dt) + 1).</summary>
    public required int FullSampleCount { get; init; }

    public required CellTraceRecorder Traces { get; init; }

    public required CurrentDipoleMomentRecorder Dipole { get; init; }

    public required IReadOnlyList<ISingleCellOutput> ExtraOutputs { get; init; }

    /// <summary>Wall time of the simulation loop (cable solve + recording + sinks), s.</summary>
    public required double SimulationSeconds { get; init; }

    /// <summary>Process CPU time during the simulation loop, s (on a loaded machine more telling than wall time).</summary>
    public required double SimulationCpuSeconds { get; init; }

    /// <summary>Number of time steps.</summary>
    public required int Steps { get; init; }

    /// <summary>Segments × steps / simulation wall time.</summary>
    public double CompartmentStepsPerSecond => Cell.SegmentCount * (double)Steps / SimulationSeconds;
}
