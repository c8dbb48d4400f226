using HybridLfp.Streaming.Numerics.Geometry;

namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>
/// A forward model over a cell geometry (LFPykit's <c>LinearModel</c>): a linear map <c>Y = M·I</c> from the
/// transmembrane currents I (nA, one row per segment in LFPy segment order) to a measurement Y. The unit of Y and the
/// meaning of its rows are stated by each implementation. M has one column per segment of the cell.
/// </summary>
public interface ILinearModel
{
    /// <summary>Number of measurement rows the model produces (independent of the cell).</summary>
    int OutputCount { get; }

    /// <summary>The transformation matrix M (OutputCount × cell.SegmentCount) for this cell geometry.</summary>
    TransformationMatrix GetTransformationMatrix(CellGeometry cell);
}
