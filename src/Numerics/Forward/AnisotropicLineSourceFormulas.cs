using HybridLfp.Streaming.Numerics.Geometry;

namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>
/// Line sources in an infinite medium with diagonal anisotropic conductivity σ = [σx, σy, σz] (Ness et al. 2015,
/// as in LFPy): with the segment direction P = end − start and D = contact − start,
/// a = σyσz·Px² + σxσz·Py² + σxσy·Pz², b = −2(σyσz·Dx·Px + σxσz·Dy·Py + σxσy·Dz·Pz),
/// c = σyσz·Dx² + σxσz·Dy² + σxσy·Dz², and φ = I/(4π·sqrt(a)) · ∫₀¹ dt / sqrt(a t² + b t + c) evaluated in closed form
/// by one of five cases on b and the discriminant 4ac − b² (tolerance atol). A contact closer to the segment than
/// r_limit (d/2) is moved out to r_limit along the perpendicular from the closest point (or, exactly on the axis,
/// along a fixed perpendicular direction). Units: I nA, σ S/m, µm → mV.
/// </summary>
internal static class AnisotropicLineSourceFormulas
{
    /// <summary>Writes M[contact, :] (mV/nA), every segment a line source.</summary>
    public static void LineSource(CellGeometry cell, Vec3 p, Conductivity sigma, ReadOnlySpan<double> rLimit, Span<double> row, double atol = 1e-8)
    {
        for (var i = 0; i < cell.SegmentCount; i++)
        {
            row[i] = 1.0 / (4.0 * Math.PI) * (Mapping(cell, i, p, sigma, rLimit[i], atol, out var a) / Math.Sqrt(a));
        }
    }

    /// <summary>Writes M[contact, :] (mV/nA), the root segment (index 0) as an anisotropic point source.</summary>
    public static void RootAsPoint(CellGeometry cell, Vec3 p, Conductivity sigma, ReadOnlySpan<double> rLimit, Span<double> row, double atol = 1e-8)
    {
        for (var i = 1; i < cell.SegmentCount; i++)
        {
            row[i] = 1.0 / (4.0 * Math.PI) * (Mapping(cell, i, p, sigma, rLimit[i], atol, out var a) / Math.Sqrt(a));
        }

        if (cell.SegmentCount > 0)
        {
            row[0] = 1.0 / (4.0 * Math.PI) * (1.0 / PointSourceFormulas.AnisotropicRootDistance(cell, 0, p, sigma, rLimit[0], atol));
        }
    }

    private static double Mapping(CellGeometry cell, int i, Vec3 pos, Conductivity sigma, double rLimit, double atol, out double a)
    {
        var start = new Vec3(cell.XStart[i], cell.YStart[i], cell.ZStart[i]);
        var end = new Vec3(cell.XEnd[i], cell.YEnd[i], cell.ZEnd[i]);
        var seg = end - start;

        // Closest point of the segment to the contact, µm.
        var delta = seg.Dot(seg);
        var u = (pos - start).Dot(seg) / delta;
        if (u > 1)
        {
            u = 1.0;
        }

        if (u < 0)
        {
            u = 0.0;
        }

        var closest = new Vec3(start.X + u * seg.X, start.Y + u * seg.Y, start.Z + u * seg.Z);
        var rs = (closest - pos).Norm;

        var dr = pos - start;
        if (rs < rLimit)
        {
            Vec3 displace;
            if (rs >= atol)
            {
                displace = pos - closest;
            }
            else if (Math.Abs(seg.X) <= atol)
            {
                displace = new Vec3(0, seg.Z, -seg.Y);
            }
            else
            {
                displace = new Vec3(-seg.Y, seg.X, 0);
            }

            var norm = displace.Norm;
            displace = new Vec3(displace.X / norm, displace.Y / norm, displace.Z / norm);
            dr = new Vec3(
                closest.X + displace.X * rLimit - start.X,
                closest.Y + displace.Y * rLimit - start.Y,
                closest.Z + displace.Z * rLimit - start.Z);
        }

        var (sx, sy, sz) = (sigma.SigmaXSPerM, sigma.SigmaYSPerM, sigma.SigmaZSPerM);
        a = sy * sz * seg.X * seg.X + sx * sz * seg.Y * seg.Y + sx * sy * seg.Z * seg.Z;
        var b = -2 * (sy * sz * dr.X * seg.X + sx * sz * dr.Y * seg.Y + sx * sy * dr.Z * seg.Z);
        var c = sy * sz * dr.X * dr.X + sx * sz * dr.Y * dr.Y + sx * sy * dr.Z * dr.Z;

        var disc = 4 * a * c - b * b;

        // Case order as LFPy: where conditions overlap the later case wins (ii over i).
        double mapping;
        var handled = false;
        mapping = double.NaN;
        if (Math.Abs(disc) < atol && Math.Abs(a - c) >= atol)
        {
            mapping = Math.Abs(Math.Log(Math.Abs(Math.Sign(b) * Math.Sqrt(a / c) + 1)));
            handled = true;
        }
        else if (Math.Abs(disc) < atol)
        {
            mapping = Math.Log(Math.Abs(1 + Math.Sqrt(a / c)));
            handled = true;
        }
        else if (disc < -atol && Math.Abs(b) > atol)
        {
            mapping = Math.Log(Math.Abs((2 * a + b + 2 * Math.Sqrt(a * (a + b + c))) / (b + 2 * Math.Sqrt(a * c))));
            handled = true;
        }
        else if (disc > atol && Math.Abs(b) > atol)
        {
            var s = Math.Sqrt(disc);
            mapping = Math.Asinh((2 * a + b) / s) - Math.Asinh(b / s);
            handled = true;
        }
        else if (Math.Abs(b) <= atol)
        {
            mapping = Math.Log(Math.Sqrt(a / c) + Math.Sqrt(a / c + 1));
            handled = true;
        }

        if (!handled || double.IsNaN(mapping))
        {
            throw new ArgumentException($"anisotropic line source: segment {i} (length {Math.Sqrt(delta)} µm) gives no finite coefficient for contact ({pos.X}, {pos.Y}, {pos.Z}) µm.", "cell");
        }

        return mapping;
    }
}
