namespace HybridLfp.Streaming.Numerics.Discretization;

/// <summary>
/// Per-segment membrane area, mean diameter and the two half-segment axial resistances of one section, integrated
/// over its pt3d frusta as NEURON's <c>diam_from_list</c> does (NEURON-numerics.md fact 4): each segment of length
/// ds = L/nseg is split into two halves; a trapezoid pass walks the pt3d pieces with a cursor that carries over from
/// one half (and segment) to the next; the last piece extrapolates.
/// </summary>
internal static class SegmentIntegrals
{
    /// <summary>Fills area (µm²), diam (µm), left/right half resistances (MΩ) for the nseg segments.</summary>
    public static void Compute(
        ShapedSection section, int nseg, double raOhmCm,
        Span<double> areaUm2, Span<double> diamUm, Span<double> rLeftMOhm, Span<double> rRightMOhm)
    {
        var arc = section.Arc;
        var d = section.Diameter;
        var npt = arc.Length;
        var j = 0;
        var x1 = arc[0];
        double y1 = Math.Abs(d[0]);
        var ds = arc[npt - 1] / nseg;
        for (var inode = 0; inode < nseg; inode++)
        {
            var si = inode * ds;
            double diam = 0, area = 0;
            for (var half = 0; half < 2; half++)
            {
                double ri = 0;
                var sip = si + ds / 2.0;
                while (true)
                {
                    var jp = j + 1;
                    var xj = arc[j];
                    var xjp = arc[jp];
                    double x2, y2;
                    int jnext;
                    if (xjp > sip || jp == npt - 1)
                    {
                        var frac = Math.Abs(xjp - xj) < 1e-10 ? 1.0 : (sip - xj) / (xjp - xj);
                        x2 = sip;
                        y2 = (1.0 - frac) * Math.Abs(d[j]) + frac * Math.Abs(d[jp]);
                        jnext = j;
                    }
                    else
                    {
                        x2 = xjp;
                        y2 = Math.Abs(d[jp]);
                        jnext = jp;
                    }

                    var delta = x2 - x1;
                    diam += (y2 + y1) * delta;
                    if (delta < 1e-15)
                    {
                        delta = 1e-15;
                    }

                    var temp = y2 * y1 / delta;
                    if (temp == 0)
                    {
                        temp = 1e-15;
                    }

                    ri += 1 / temp;
                    temp = 0.5 * (y2 - y1);
                    temp = Math.Sqrt(delta * delta + temp * temp);
                    area += (y2 + y1) * temp;
                    x1 = x2;
                    y1 = y2;
                    if (j == jnext)
                    {
                        break;
                    }

                    j = jnext;
                }

                // Resistance of the half segment, MΩ: Ra (Ω·cm) · 4/π · Σ Δ/(y1·y2) (µm⁻¹) · 0.01.
                var r = ri * raOhmCm / Math.PI * (4.0 * 0.01);
                if (half == 0)
                {
                    rLeftMOhm[inode] = r;
                }
                else
                {
                    rRightMOhm[inode] = r;
                }

                si = sip;
            }

            diamUm[inode] = diam * (0.5 / ds);
            areaUm2[inode] = area * 0.5 * Math.PI;
        }
    }
}
