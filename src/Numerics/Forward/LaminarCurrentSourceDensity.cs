using HybridLfp.Streaming.Numerics.Geometry;

namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>
/// Laminar current source density (LFPykit's <c>LaminarCurrentSourceDensity</c>): CSD (nA/µm³) = M · I (nA) in n
/// coaxial cylinders about the z-axis, cylinder k spanning z[k][0] ≤ z &lt; z[k][1] with radius r[k] (µm). Each
/// segment's current is spread uniformly along its length; M[k, i] is the fraction of segment i inside cylinder k
/// divided by the cylinder volume π r² Δz (µm³). Segments with both ends inside count fully; segments crossing the
/// boundary count the fraction on the inside (from the crossing with the top/bottom face, or else with the mantle).
/// Assumption (LFPykit's): segments are shorter than a cylinder's height — the part of a segment in a cylinder that
/// contains neither of its end points is not counted, so then the CSD no longer integrates to the total current.
/// </summary>
public sealed class LaminarCurrentSourceDensity : ILinearModel
{
    private readonly double[][] _z;
    private readonly double[] _r;

    /// <param name="z">[n][2] lower and upper edge of each cylinder, µm (lower &lt; upper)</param>
    /// <param name="r">[n] cylinder radii, µm (&gt; 0)</param>
    public LaminarCurrentSourceDensity(IReadOnlyList<double[]> z, double[] r)
    {
        ArgumentNullException.ThrowIfNull(z, nameof(z));
        ArgumentNullException.ThrowIfNull(r, nameof(r));
        if (r.Length != z.Count)
        {
            throw new ArgumentException($"r has {r.Length} radii; z has {z.Count} cylinders.", nameof(r));
        }

        for (var k = 0; k < z.Count; k++)
        {
            if (z[k] is null || z[k].Length != 2)
            {
                throw new ArgumentException($"z[{k}] must be [lower, upper] (µm).", nameof(z));
            }

            if (!(z[k][1] > z[k][0]))
            {
                throw new ArgumentException($"z[{k}]: the lower edge {z[k][0]} must be below the upper edge {z[k][1]} µm.", nameof(z));
            }

            ParameterChecks.Positive(r[k], $"r[{k}]", "µm");
        }

        _z = z.Select(a => (double[])a.Clone()).ToArray();
        _r = (double[])r.Clone();
    }

    public int OutputCount => _r.Length;

    public TransformationMatrix GetTransformationMatrix(CellGeometry cell)
    {
        var n = cell.SegmentCount;
        var m = new double[_r.Length * n];
        var r0 = new double[n];
        var r1 = new double[n];
        for (var i = 0; i < n; i++)
        {
            r0[i] = Math.Sqrt(cell.XStart[i] * cell.XStart[i] + cell.YStart[i] * cell.YStart[i]);
            r1[i] = Math.Sqrt(cell.XEnd[i] * cell.XEnd[i] + cell.YEnd[i] * cell.YEnd[i]);
        }

        for (var k = 0; k < _r.Length; k++)
        {
            var lower = _z[k][0];
            var upper = _z[k][1];
            var radius = _r[k];
            var row = m.AsSpan(k * n, n);

            // The three faces of the cylinder in the (R, z) half plane: bottom, top and mantle.
            ReadOnlySpan<double> faceR2 = [0, 0, radius];
            ReadOnlySpan<double> faceZ2 = [lower, upper, lower];
            ReadOnlySpan<double> faceR3 = [radius, radius, radius];
            ReadOnlySpan<double> faceZ3 = [lower, upper, upper];

            for (var i = 0; i < n; i++)
            {
                var zs = cell.ZStart[i];
                var ze = cell.ZEnd[i];
                var startIn = zs >= lower && zs < upper && r0[i] <= radius;
                var endIn = ze >= lower && ze < upper && r1[i] <= radius;
                if (startIn && endIn)
                {
                    row[i] = 1.0;
                }
                else if (startIn || endIn)
                {
                    // Measure the inside part from the end point that is inside.
                    var fromStart = startIn;
                    var outsideLateralOk = fromStart ? r1[i] <= radius : r0[i] <= radius;
                    if (outsideLateralOk)
                    {
                        var outsideZ = fromStart ? ze : zs;
                        var zCross = outsideZ >= upper ? upper : lower;
                        var frac = FractionFromZCrossing(zs, ze, zCross, fromStart);
                        if (frac is { } f)
                        {
                            row[i] = f;
                            continue;
                        }
                    }

                    // Crossing with the faces; where several faces are hit the last one counts (as LFPykit).
                    for (var face = 0; face < 3; face++)
                    {
                        if (Intersect(r0[i], zs, r1[i], ze, faceR2[face], faceZ2[face], faceR3[face], faceZ3[face], out var pr, out var pz))
                        {
                            var l = fromStart
                                ? Math.Sqrt((pr - r0[i]) * (pr - r0[i]) + (pz - zs) * (pz - zs))
                                : Math.Sqrt((pr - r1[i]) * (pr - r1[i]) + (pz - ze) * (pz - ze));
                            row[i] = l / cell.Length[i];
                        }
                    }
                }
            }

            var volume = Math.PI * radius * radius * (upper - lower);
            for (var i = 0; i < n; i++)
            {
                row[i] /= volume;
            }
        }

        return new TransformationMatrix(_r.Length, n, m);
    }

    private static double? FractionFromZCrossing(double z0, double z1, double zCross, bool fromStart)
    {
        var dz = z1 - z0;

        // numpy.isclose(dz, 0): |dz| ≤ 1e-8 (absolute tolerance; the relative term vanishes against 0).
        if (Math.Abs(dz) <= 1e-8)
        {
            return null;
        }

        var t = (zCross - z0) / dz;
        if (!(t >= 0 && t <= 1))
        {
            return null;
        }

        return fromStart ? Math.Abs(t) : Math.Abs(1 - t);
    }

    /// <summary>Intersection of the infinite lines through (r0, z0)–(r1, z1) and (r2, z2)–(r3, z3); true if it lies on
    /// the first segment.</summary>
    private static bool Intersect(double r0, double z0, double r1, double z1, double r2, double z2, double r3, double z3, out double pr, out double pz)
    {
        var denom = (r0 - r1) * (z2 - z3) - (z0 - z1) * (r2 - r3);
        pr = ((r0 * z1 - z0 * r1) * (r2 - r3) - (r0 - r1) * (r2 * z3 - r3 * z2)) / denom;
        pz = ((r0 * z1 - z0 * r1) * (z2 - z3) - (z0 - z1) * (r2 * z3 - r3 * z2)) / denom;
        return Math.Min(r0, r1) <= pr && pr <= Math.Max(r0, r1) && Math.Min(z0, z1) <= pz && pz <= Math.Max(z0, z1);
    }
}
