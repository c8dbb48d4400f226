using HybridLfp.Streaming.Numerics.Geometry;

namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>
/// Method of images for an in-vitro slice on a microelectrode array (Ness et al. 2015, as in LFPy): tissue of
/// conductivity σ_T fills z_shift ≤ z ≤ z_shift + h, saline σ_S above, the MEA glass σ_G below. In coordinates shifted
/// by z_shift the source at depth z_c has images at z_c ± 2nh weighted by powers of
/// W_TS = (σ_T − σ_S)/(σ_T + σ_S) and W_TG = (σ_T − σ_G)/(σ_T + σ_G); the infinite sum is cut after
/// <c>steps</c> terms. The line-source and root-as-point forms need σ_G = 0 and contacts on the MEA plane
/// (z = z_shift). Units: I nA, σ S/m, µm → mV.
/// </summary>
internal static class SliceImageFormulas
{
    /// <summary>Point sources: writes M[contact, :] (mV/nA).</summary>
    public static void PointSource(CellGeometry cell, Vec3 p, SliceParameters s, ReadOnlySpan<double> rLimit, Span<double> row)
    {
        var z = p.Z - s.ZShiftUm;
        var wts = (s.SigmaT - s.SigmaS) / (s.SigmaT + s.SigmaS);
        var wtg = (s.SigmaT - s.SigmaG) / (s.SigmaT + s.SigmaG);
        var h = s.HUm;
        for (var i = 0; i < cell.SegmentCount; i++)
        {
            var zc = cell.ZMid(i) - s.ZShiftUm;
            var dx2 = Sq(p.X - cell.XMid(i));
            var dy2 = Sq(p.Y - cell.YMid(i));
            var dz2 = Sq(z - zc);
            var dL2 = dx2 + dy2;
            if (dL2 + dz2 < rLimit[i] * rLimit[i])
            {
                dL2 = rLimit[i] * rLimit[i] - dz2;
            }

            var mapping = Omega(dL2, z - zc);
            mapping += wts * Omega(dL2, z + zc - 2 * h) + wtg * Omega(dL2, z + zc);
            var sum = 0.0;
            for (var n = 1; n < s.Steps; n++)
            {
                sum += Math.Pow(wts * wtg, n) * (
                    wts * Omega(dL2, z + zc - 2 * (n + 1) * h)
                    + wtg * Omega(dL2, z + zc + 2 * n * h)
                    + Omega(dL2, z - zc + 2 * n * h)
                    + Omega(dL2, z - zc - 2 * n * h));
            }

            mapping += sum;
            row[i] = mapping * (1 / (4 * Math.PI * s.SigmaT));
        }
    }

    /// <summary>Line sources (σ_G = 0, contact on the MEA plane): writes M[contact, :] (mV/nA).</summary>
    public static void LineSource(CellGeometry cell, Vec3 p, SliceParameters s, ReadOnlySpan<double> rLimit, Span<double> row, bool rootAsPoint, double atol = 1e-8)
    {
        var zContact = p.Z - s.ZShiftUm;
        var w = (s.SigmaT - s.SigmaS) / (s.SigmaT + s.SigmaS);
        var h = s.HUm;
        for (var i = 0; i < cell.SegmentCount; i++)
        {
            var x0 = cell.XStart[i];
            var y0 = cell.YStart[i];
            var z0 = cell.ZStart[i] - s.ZShiftUm;
            var x1 = cell.XEnd[i];
            var y1 = cell.YEnd[i];
            var z1 = cell.ZEnd[i] - s.ZShiftUm;
            var rs = DistanceToSegment(new Vec3(x0, y0, z0), new Vec3(x1, y1, z1), new Vec3(p.X, p.Y, zContact));

            // A contact closer than r_limit: LFPy replaces the segment's start depth by r_limit.
            var z0Limited = rs < rLimit[i] ? rLimit[i] : z0;
            var ds = Math.Sqrt(Sq(x0 - x1) + Sq(y0 - y1) + Sq(z0 - z1));
            var seg = new SegmentTerms(ds, x1 - x0, y1 - y0, z1 - z0, p.X - x0, p.Y - y0, atol);

            var mapping = seg.Omega(-z0Limited);

            // root_as_point in LFPy sums the images from the unlimited start depth (kept for agreement).
            var zImages = rootAsPoint ? z0 : z0Limited;
            for (var n = 1; n < s.Steps; n++)
            {
                mapping += Math.Pow(w, n) * (seg.Omega(2 * n * h - zImages) + seg.Omega(-2 * n * h - zImages));
            }

            row[i] = mapping * (2 / (4 * Math.PI * s.SigmaT * ds));
        }

        if (rootAsPoint && cell.SegmentCount > 0)
        {
            var zc = cell.ZMid(0) - s.ZShiftUm;
            var dx2 = Sq(p.X - cell.XMid(0));
            var dy2 = Sq(p.Y - cell.YMid(0));
            var dz2 = Sq(zContact - zc);
            var dL2 = dx2 + dy2;
            if (dL2 + dz2 < rLimit[0] * rLimit[0])
            {
                dL2 = rLimit[0] * rLimit[0] - dz2;
            }

            var mapping = Omega(dL2, zContact - zc);
            mapping += w * Omega(dL2, zc - 2 * h) + Omega(dL2, zc);
            var sum = 0.0;
            for (var n = 1; n < s.Steps; n++)
            {
                sum += Math.Pow(w, n) * (w * Omega(dL2, zc - 2 * (n + 1) * h) + 2 * Omega(dL2, zc + 2 * n * h) + Omega(dL2, zc - 2 * n * h));
            }

            mapping += sum;
            row[0] = mapping * (1 / (4 * Math.PI * s.SigmaT));
        }
    }

    private static double Omega(double dL2, double dz) => 1 / Math.Sqrt(dL2 + dz * dz);

    private static double Sq(double v) => v * v;

    internal static double DistanceToSegment(Vec3 start, Vec3 end, Vec3 p)
    {
        var seg = end - start;
        var u = (p - start).Dot(seg) / seg.Dot(seg);
        u = Math.Clamp(u, 0.0, 1.0);
        var closest = new Vec3(start.X + u * seg.X, start.Y + u * seg.Y, start.Z + u * seg.Z);
        return (closest - p).Norm;
    }

    /// <summary>∫ over the segment of 1/|r − r_image| in closed form (Rottmann, formula 46).</summary>
    private readonly struct SegmentTerms(double ds, double dx, double dy, double dz, double ax, double ay, double atol)
    {
        public double Omega(double az)
        {
            var a = ds * ds;
            var b = -ax * dx - ay * dy - az * dz;
            var c = ax * ax + ay * ay + az * az;
            double num, den;
            if (Math.Abs(b * b - a * c) <= atol)
            {
                num = a + b;
                den = b;
            }
            else
            {
                num = a + b + ds * Math.Sqrt(a + 2 * b + c);
                den = b + ds * Math.Sqrt(c);
            }

            return Math.Log(num / den);
        }
    }
}

/// <summary>Slice parameters of <see cref="RecMEAElectrode"/>: conductivities S/m, thickness and shift µm.</summary>
internal readonly record struct SliceParameters(double SigmaT, double SigmaS, double SigmaG, double HUm, double ZShiftUm, int Steps);
