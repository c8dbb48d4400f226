using System.Numerics;

namespace HybridLfp.Streaming.Numerics.Analysis;

/// <summary>
/// Conversion of digital zeros/poles/gain into second-order sections with the "nearest" pairing rule of scipy's
/// <c>zpk2sos</c> (as described in its documentation): repeatedly take the remaining pole closest to the unit circle,
/// pair it with its conjugate (or the next real pole), match it with the nearest zeros, and fill the sections from
/// last to first; the gain multiplies the numerator of the first section.
/// </summary>
internal static class ZpkToSos
{
    public static SecondOrderSections Nearest(Complex[] zerosIn, Complex[] polesIn, double gain)
    {
        var p = polesIn.ToList();
        var z = zerosIn.ToList();
        while (p.Count < z.Count)
        {
            p.Add(Complex.Zero);
        }

        while (z.Count < p.Count)
        {
            z.Add(Complex.Zero);
        }

        var sections = (Math.Max(p.Count, z.Count) + 1) / 2;
        if (p.Count % 2 == 1)
        {
            p.Add(Complex.Zero);
            z.Add(Complex.Zero);
        }

        // Keep one member (positive imaginary part) of every conjugate pair, then the real ones.
        var pr = SplitConjugatePairs(p);
        var zr = SplitConjugatePairs(z);
        var sos = new double[sections, 6];
        for (var si = sections - 1; si >= 0; si--)
        {
            var p1Index = IndexClosestToUnitCircle(pr, Enumerable.Range(0, pr.Count));
            var p1 = pr[p1Index];
            pr.RemoveAt(p1Index);
            var realPolesLeft = pr.Count(IsReal);
            var realZerosLeft = zr.Count(IsReal);
            if (IsReal(p1) && realPolesLeft == 0)
            {
                // Last remaining real pole: one zero, first-order section.
                var z1Index = NearestIndex(zr, p1, Which.Real);
                var z1 = zr[z1Index];
                zr.RemoveAt(z1Index);
                SetSection(sos, si, [z1, Complex.Zero], [p1, Complex.Zero]);
            }
            else if (pr.Count + 1 == zr.Count && !IsReal(p1) && realPolesLeft == 1 && realZerosLeft == 1)
            {
                // One real pole and one real zero left: this complex pole must take a complex zero.
                var z1Index = NearestIndex(zr, p1, Which.Complex);
                var z1 = zr[z1Index];
                zr.RemoveAt(z1Index);
                SetSection(sos, si, [z1, Complex.Conjugate(z1)], [p1, Complex.Conjugate(p1)]);
            }
            else
            {
                Complex p2;
                if (IsReal(p1))
                {
                    var realIndices = Enumerable.Range(0, pr.Count).Where(i => IsReal(pr[i]));
                    var p2Index = IndexClosestToUnitCircle(pr, realIndices);
                    p2 = pr[p2Index];
                    pr.RemoveAt(p2Index);
                }
                else
                {
                    p2 = Complex.Conjugate(p1);
                }

                if (zr.Count > 0)
                {
                    var z1Index = NearestIndex(zr, p1, Which.Any);
                    var z1 = zr[z1Index];
                    zr.RemoveAt(z1Index);
                    if (!IsReal(z1))
                    {
                        SetSection(sos, si, [z1, Complex.Conjugate(z1)], [p1, p2]);
                    }
                    else if (zr.Count > 0)
                    {
                        var z2Index = NearestIndex(zr, p1, Which.Real);
                        var z2 = zr[z2Index];
                        zr.RemoveAt(z2Index);
                        SetSection(sos, si, [z1, z2], [p1, p2]);
                    }
                    else
                    {
                        SetSection(sos, si, [z1], [p1, p2]);
                    }
                }
                else
                {
                    SetSection(sos, si, [], [p1, p2]);
                }
            }
        }

        for (var c = 0; c < 3; c++)
        {
            sos[0, c] *= gain;
        }

        return new SecondOrderSections(sos);
    }

    private enum Which
    {
        Any,
        Real,
        Complex,
    }

    private static bool IsReal(Complex c) => c.Imaginary == 0;

    private static List<Complex> SplitConjugatePairs(List<Complex> values)
    {
        // scipy's _cplxreal: values with |imag| ≤ 100 eps |value| are real (imag dropped); of each conjugate pair the
        // member with positive imaginary part is kept. Complex ones sorted by real part, then the reals sorted.
        const double tol = 100 * 2.220446049250313e-16; // 100 × machine epsilon of double
        var real = values.Where(v => Math.Abs(v.Imaginary) <= tol * v.Magnitude).Select(v => new Complex(v.Real, 0)).OrderBy(v => v.Real).ToList();
        var upper = values.Where(v => Math.Abs(v.Imaginary) > tol * v.Magnitude && v.Imaginary > 0).OrderBy(v => v.Real).ToList();
        var lower = values.Count(v => Math.Abs(v.Imaginary) > tol * v.Magnitude && v.Imaginary < 0);
        if (lower != upper.Count)
        {
            throw new ArgumentException("zeros/poles must come in complex-conjugate pairs");
        }

        return [.. upper, .. real];
    }

    private static int IndexClosestToUnitCircle(List<Complex> values, IEnumerable<int> candidates)
    {
        var best = -1;
        var bestDistance = double.PositiveInfinity;
        foreach (var i in candidates)
        {
            var d = Math.Abs(1 - values[i].Magnitude);
            if (d < bestDistance)
            {
                best = i;
                bestDistance = d;
            }
        }

        return best;
    }

    private static int NearestIndex(List<Complex> values, Complex to, Which which)
    {
        var best = -1;
        var bestDistance = double.PositiveInfinity;
        for (var i = 0; i < values.Count; i++)
        {
            if ((which == Which.Real && !IsReal(values[i])) || (which == Which.Complex && IsReal(values[i])))
            {
                continue;
            }

            var d = (values[i] - to).Magnitude;
            if (d < bestDistance)
            {
                best = i;
                bestDistance = d;
            }
        }

        if (best < 0)
        {
            throw new InvalidOperationException("no zero of the requested kind left to pair");
        }

        return best;
    }

    private static void SetSection(double[,] sos, int row, Complex[] zeros, Complex[] poles)
    {
        var b = Polynomial(zeros);
        var a = Polynomial(poles);
        for (var c = 0; c < 3; c++)
        {
            sos[row, c] = c < 3 - b.Length ? 0 : b[c - (3 - b.Length)];
            sos[row, 3 + c] = c < 3 - a.Length ? 0 : a[c - (3 - a.Length)];
        }
    }

    /// <summary>Real coefficients (highest power first) of ∏(x − r) for up to two roots forming a real polynomial.</summary>
    private static double[] Polynomial(Complex[] roots) => roots.Length switch
    {
        0 => [1.0],
        1 => [1.0, -roots[0].Real],
        _ => [1.0, -(roots[0] + roots[1]).Real, (roots[0] * roots[1]).Real],
    };
}
