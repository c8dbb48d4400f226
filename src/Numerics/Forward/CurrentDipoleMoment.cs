using HybridLfp.Streaming.Numerics.Geometry;

namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>
/// Current dipole moment P = M · I (LFPykit's <c>CurrentDipoleMoment</c>): M (3 × n_seg) holds the segment midpoints
/// (µm), so P (rows x, y, z) is in nA·µm for I in nA. Exact for a cell whose currents sum to zero (then P does not
/// depend on the origin).
/// </summary>
public sealed class CurrentDipoleMoment : ILinearModel
{
    public int OutputCount => 3;

    public TransformationMatrix GetTransformationMatrix(CellGeometry cell)
    {
        var n = cell.SegmentCount;
        var values = new double[3 * n];
        for (var i = 0; i < n; i++)
        {
            values[i] = cell.XMid(i);
            values[n + i] = cell.YMid(i);
            values[2 * n + i] = cell.ZMid(i);
        }

        return new TransformationMatrix(3, n, values);
    }
}
