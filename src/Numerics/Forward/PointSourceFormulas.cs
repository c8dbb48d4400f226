using HybridLfp.Streaming.Numerics.Geometry;

namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>
/// Potential of point current sources in an infinite homogeneous medium, one segment at its midpoint:
/// φ = I / (4πσ|r|) (isotropic) or φ = I / (4π·sqrt(σyσz·dx² + σxσz·dy² + σxσy·dz²)) (anisotropic, diagonal σ).
/// With I in nA and σ in S/m, φ is in mV when distances are in µm (nA / (S/m · µm) = 1e-9/1e-6 V = mV).
/// Minimum distance (LFPy): the distance is raised to r_limit (the segment radius d/2) where it is smaller.
/// </summary>
internal static class PointSourceFormulas
{
    /// <summary>Writes M[contact, :] (mV/nA) for an isotropic medium.</summary>
    public static void Isotropic(CellGeometry cell, Vec3 p, double sigma, ReadOnlySpan<double> rLimit, Span<double> row)
    {
        for (var i = 0; i < cell.SegmentCount; i++)
        {
            var dx = cell.XMid(i) - p.X;
            var dy = cell.YMid(i) - p.Y;
            var dz = cell.ZMid(i) - p.Z;
            var r2 = dx * dx + dy * dy + dz * dz;
            var lim2 = rLimit[i] * rLimit[i];
            if (r2 < lim2)
            {
                r2 = lim2;
            }

            row[i] = 1.0 / (4.0 * Math.PI * sigma * Math.Sqrt(r2));
        }
    }

    /// <summary>Writes M[contact, :] (mV/nA) for a diagonal anisotropic medium.</summary>
    public static void Anisotropic(CellGeometry cell, Vec3 p, Conductivity sigma, ReadOnlySpan<double> rLimit, Span<double> row, double atol = 1e-8)
    {
        for (var i = 0; i < cell.SegmentCount; i++)
        {
            row[i] = 1.0 / (4.0 * Math.PI * AnisotropicRootDistance(cell, i, p, sigma, rLimit[i], atol));
        }
    }

    /// <summary>
    /// sqrt(σyσz·dx² + σxσz·dy² + σxσy·dz²) between segment i's midpoint and p, with LFPy's minimum-distance rule:
    /// a coincident point (r² &lt; atol) is moved r_limit along x; a point closer than r_limit is scaled out to r_limit
    /// along the same direction.
    /// </summary>
    public static double AnisotropicRootDistance(CellGeometry cell, int i, Vec3 p, Conductivity sigma, double rLimit, double atol)
    {
        var dx2 = Square(cell.XMid(i) - p.X);
        var dy2 = Square(cell.YMid(i) - p.Y);
        var dz2 = Square(cell.ZMid(i) - p.Z);
        var r2 = dx2 + dy2 + dz2;
        var lim2 = rLimit * rLimit;
        if (Math.Abs(r2) < atol)
        {
            dx2 = lim2;
            r2 = lim2;
        }

        if (r2 < lim2)
        {
            var scale = lim2 / r2;
            dx2 *= scale;
            dy2 *= scale;
            dz2 *= scale;
        }

        var (sx, sy, sz) = (sigma.SigmaXSPerM, sigma.SigmaYSPerM, sigma.SigmaZSPerM);
        return Math.Sqrt(sy * sz * dx2 + sx * sz * dy2 + sx * sy * dz2);
    }

    private static double Square(double v) => v * v;
}
