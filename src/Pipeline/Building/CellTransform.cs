using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Building;

/// <summary>
/// Placement of a cell as LFPy does it: <c>set_pos</c> moves the soma midpoint to <see cref="SomaTargetUm"/>, then
/// <c>set_rotation</c> rotates about the soma by x, then y, then z (right-handed):
/// p' = R_z(z)·R_y(y)·R_x(x)·(p − soma) + target. Checked against the geometry hybridLFPy recorded.
/// </summary>
public readonly struct CellTransform
{
    private readonly Point3 _origin;
    private readonly double _m00, _m01, _m02, _m10, _m11, _m12, _m20, _m21, _m22;

    /// <summary>Soma position after the transform, µm.</summary>
    public Point3 SomaTargetUm { get; }

    /// <param name="somaUntransformedUm">soma midpoint in the morphology frame, µm.</param>
    /// <param name="somaTargetUm">where the soma goes, µm.</param>
    /// <param name="rotation">rotation angles, rad.</param>
    public CellTransform(Point3 somaUntransformedUm, Point3 somaTargetUm, RotationDescription rotation)
    {
        _origin = somaUntransformedUm;
        SomaTargetUm = somaTargetUm;
        var (cx, sx) = CosSin(rotation.XRad);
        var (cy, sy) = CosSin(rotation.YRad);
        var (cz, sz) = CosSin(rotation.ZRad);
        // Rz·Ry·Rx with Rx = [[1,0,0],[0,cx,-sx],[0,sx,cx]], Ry = [[cy,0,sy],[0,1,0],[-sy,0,cy]], Rz = [[cz,-sz,0],[sz,cz,0],[0,0,1]].
        _m00 = cz * cy;
        _m01 = (cz * sy * sx) - (sz * cx);
        _m02 = (cz * sy * cx) + (sz * sx);
        _m10 = sz * cy;
        _m11 = (sz * sy * sx) + (cz * cx);
        _m12 = (sz * sy * cx) - (cz * sx);
        _m20 = -sy;
        _m21 = cy * sx;
        _m22 = cy * cx;
    }

    /// <summary>Maps a point of the morphology frame to its placed position, µm.</summary>
    public Point3 Apply(Point3 p)
    {
        var x = p.X - _origin.X;
        var y = p.Y - _origin.Y;
        var z = p.Z - _origin.Z;
        return new Point3(
            (_m00 * x) + (_m01 * y) + (_m02 * z) + SomaTargetUm.X,
            (_m10 * x) + (_m11 * y) + (_m12 * z) + SomaTargetUm.Y,
            (_m20 * x) + (_m21 * y) + (_m22 * z) + SomaTargetUm.Z);
    }

    private static (double Cos, double Sin) CosSin(double? angle) =>
        angle is { } a ? (Math.Cos(a), Math.Sin(a)) : (1.0, 0.0);
}
