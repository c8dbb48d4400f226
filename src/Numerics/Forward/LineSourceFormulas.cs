using HybridLfp.Streaming.Numerics.Geometry;

namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>
/// Potential of line current sources (uniform current density along a straight segment) in an infinite homogeneous
/// isotropic medium (Holt &amp; Koch 1999; Lindén et al. 2014):
/// φ = I / (4πσΔs) · log((sqrt(h² + r²) − h) / (sqrt(l² + r²) − l)), with Δs the segment length (from its end
/// points), h the signed distance along the axis from the segment's end to the foot of the contact, l = h + Δs, and r
/// the perpendicular distance. The logarithm is evaluated in one of three algebraically equal forms chosen by the
/// signs of h and l, so it never subtracts nearly equal numbers (stable on the axis and at the end points).
/// Minimum distance: r is raised to the segment radius (r_limit = d/2) where it is smaller.
/// Units: I nA, σ S/m, lengths µm → φ mV.
/// </summary>
internal static class LineSourceFormulas
{
    /// <summary>Writes M[contact, :] (mV/nA), every segment a line source.</summary>
    public static void LineSource(CellGeometry cell, Vec3 p, double sigma, ReadOnlySpan<double> rLimit, Span<double> row)
    {
        for (var i = 0; i < cell.SegmentCount; i++)
        {
            row[i] = Segment(cell, i, p, sigma, rLimit[i]);
        }
    }

    /// <summary>Writes M[contact, :] (mV/nA): the root segment (index 0) a point source at its midpoint (distance at
    /// least its radius), all others line sources.</summary>
    public static void RootAsPoint(CellGeometry cell, Vec3 p, double sigma, ReadOnlySpan<double> rLimit, Span<double> row)
    {
        for (var i = 1; i < cell.SegmentCount; i++)
        {
            row[i] = Segment(cell, i, p, sigma, rLimit[i]);
        }

        if (cell.SegmentCount > 0)
        {
            var dx = p.X - cell.XMid(0);
            var dy = p.Y - cell.YMid(0);
            var dz = p.Z - cell.ZMid(0);
            var rRoot = Math.Sqrt(dx * dx + dy * dy + dz * dz);
            if (rRoot < rLimit[0])
            {
                rRoot = rLimit[0];
            }

            row[0] = 1.0 / (4.0 * Math.PI * sigma * 1.0) * (1.0 / rRoot);
        }
    }

    /// <summary>One segment's line-source coefficient (mV/nA).</summary>
    public static double Segment(CellGeometry cell, int i, Vec3 p, double sigma, double rLimit)
    {
        var xs = cell.XStart[i];
        var ys = cell.YStart[i];
        var zs = cell.ZStart[i];
        var xe = cell.XEnd[i];
        var ye = cell.YEnd[i];
        var ze = cell.ZEnd[i];
        var deltaS = Math.Sqrt((xs - xe) * (xs - xe) + (ys - ye) * (ys - ye) + (zs - ze) * (zs - ze));
        if (deltaS == 0)
        {
            // A zero-length segment is the L → 0 limit of the line source, a point source (LFPy gives NaN here).
            var r = Math.Max(Math.Sqrt((xs - p.X) * (xs - p.X) + (ys - p.Y) * (ys - p.Y) + (zs - p.Z) * (zs - p.Z)), rLimit);
            return 1.0 / (4.0 * Math.PI * sigma * r);
        }


        // h: projection of (contact − end) on the segment direction, µm.
        var h = ((p.X - xe) * (xe - xs) + (p.Y - ye) * (ye - ys) + (p.Z - ze) * (ze - zs)) / deltaS;

        // r²: squared perpendicular distance, µm² (abs: rounding can make it slightly negative on the axis).
        var r2 = Math.Abs((xe - p.X) * (xe - p.X) + (ye - p.Y) * (ye - p.Y) + (ze - p.Z) * (ze - p.Z) - h * h);
        if (r2 < rLimit * rLimit)
        {
            r2 = rLimit * rLimit;
        }

        var l = h + deltaS;
        double mapping;
        if (h < 0 && l < 0)
        {
            mapping = Math.Log((Math.Sqrt(h * h + r2) - h) / (Math.Sqrt(l * l + r2) - l));
        }
        else if (h < 0)
        {
            mapping = Math.Log((Math.Sqrt(h * h + r2) - h) * ((l + Math.Sqrt(l * l + r2)) / r2));
        }
        else if (l >= 0)
        {
            mapping = Math.Log((Math.Sqrt(l * l + r2) + l) / (Math.Sqrt(h * h + r2) + h));
        }
        else
        {
            // h ≥ 0 and l < 0 cannot happen for Δs ≥ 0 (LFPy leaves such entries at 0).
            mapping = 0;
        }

        return 1.0 / (4.0 * Math.PI * sigma * deltaS) * mapping;
    }
}
