using System.Collections.Immutable;
using HybridLfp.Streaming.Numerics.Geometry;
using HybridLfp.Streaming.Numerics.Morphology;

namespace HybridLfp.Streaming.Numerics.Discretization;

/// <summary>
/// Turns a <see cref="MorphologyDescription"/> (as read, before define_shape) into a
/// <see cref="DiscretizedMorphology"/>, following NEURON 8.2 and LFPy 2.3.9 fact by fact (NEURON-numerics.md 1–5):
/// arc lengths from the given float points, define_shape, nseg by the rule (Ra and cm set before nseg, as LFPy),
/// segment end points by linear interpolation on arc/L (numpy.interp, no rounding), area/diam/resistances by
/// NEURON's trapezoid pass.
/// </summary>
public static class MorphologyDiscretizer
{
    /// <param name="morphology">sections in creation order.</param>
    /// <param name="rule">nseg rule.</param>
    /// <param name="cmUfPerCm2">membrane capacitance, µF/cm² (used by lambda_f).</param>
    /// <param name="raOhmCm">axial resistivity, Ω·cm.</param>
    public static DiscretizedMorphology Discretize(MorphologyDescription morphology, NsegRule rule, double cmUfPerCm2, double raOhmCm)
    {
        ArgumentNullException.ThrowIfNull(morphology);
        ArgumentNullException.ThrowIfNull(rule);
        var source = morphology.Source;
        if (!(cmUfPerCm2 > 0) || !(raOhmCm > 0))
        {
            throw new InputException(source, $"cm and Ra must be > 0, got cm = {cmUfPerCm2} µF/cm² and Ra = {raOhmCm} Ω·cm.");
        }

        Validate(morphology);
        var order = ParentsFirst(morphology);
        var shaped = SectionShaper.Shape(morphology, order);
        var n = morphology.Sections.Length;

        var nsegs = new int[n];
        var lambdas = new double[n];
        var total = 0;
        for (var s = 0; s < n; s++)
        {
            var sec = morphology.Sections[s];
            var length = shaped[s].LengthUm;
            lambdas[s] = double.NaN;
            switch (rule.Method)
            {
                case NsegMethod.Fixed:
                    nsegs[s] = rule.PerSection.TryGetValue(sec.Name, out var k) ? k : rule.DefaultNseg;
                    break;
                case NsegMethod.LambdaF:
                    lambdas[s] = LambdaF(shaped[s], rule.FrequencyHz, raOhmCm, cmUfPerCm2);
                    nsegs[s] = (int)((length / (rule.DLambda * lambdas[s]) + 0.9) / 2) * 2 + 1;
                    break;
                case NsegMethod.FixedLength:
                    nsegs[s] = (int)(length / rule.MaxLengthUm) + 1;
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(rule));
            }

            if (nsegs[s] < 1 || nsegs[s] > 32767)
            {
                throw new InputException(source, $"section '{sec.Name}': nseg = {nsegs[s]} is outside 1..32767 (NEURON's limit).");
            }

            total += nsegs[s];
        }

        if (rule.Method == NsegMethod.Fixed)
        {
            foreach (var name in rule.PerSection.Keys)
            {
                if (morphology.IndexOf(name) < 0)
                {
                    throw new InputException(source, $"nseg is given for section '{name}', which the morphology does not have.");
                }
            }
        }

        var xs = new double[total];
        var xe = new double[total];
        var ys = new double[total];
        var ye = new double[total];
        var zs = new double[total];
        var ze = new double[total];
        var diam = new double[total];
        var len = new double[total];
        var area = new double[total];
        var rLeft = new double[total];
        var rRight = new double[total];
        var sectionOf = new int[total];
        var sections = ImmutableArray.CreateBuilder<DiscretizedSection>(n);
        var first = 0;
        for (var s = 0; s < n; s++)
        {
            var sec = morphology.Sections[s];
            var sh = shaped[s];
            var nseg = nsegs[s];
            var length = sh.LengthUm;
            if (!(length > 0))
            {
                throw new InputException(source, $"section '{sec.Name}' has zero length (all its pt3d points coincide).");
            }

            var xp = new double[sh.PointCount];
            for (var i = 0; i < xp.Length; i++)
            {
                xp[i] = sh.Arc[i] / length;
            }

            var halfWidth = 1.0 / 2 / nseg;
            for (var i = 0; i < nseg; i++)
            {
                var g = first + i;
                var segX = (i + 0.5) / nseg;
                var x0 = segX - halfWidth;
                var x1 = segX + halfWidth;
                xs[g] = Interp(x0, xp, sh.X);
                xe[g] = Interp(x1, xp, sh.X);
                ys[g] = Interp(x0, xp, sh.Y);
                ye[g] = Interp(x1, xp, sh.Y);
                zs[g] = Interp(x0, xp, sh.Z);
                ze[g] = Interp(x1, xp, sh.Z);
                len[g] = length / nseg;
                sectionOf[g] = s;
            }

            SegmentIntegrals.Compute(
                sh, nseg, raOhmCm,
                area.AsSpan(first, nseg), diam.AsSpan(first, nseg),
                rLeft.AsSpan(first, nseg), rRight.AsSpan(first, nseg));

            var points = ImmutableArray.CreateBuilder<Pt3dPoint>(sh.PointCount);
            for (var i = 0; i < sh.PointCount; i++)
            {
                points.Add(new Pt3dPoint(sh.X[i], sh.Y[i], sh.Z[i], sh.Diameter[i]));
            }

            sections.Add(new DiscretizedSection(
                sec.Name, sec.ParentIndex, sec.ParentX, sec.ChildX, nseg, first, length, lambdas[s],
                points.MoveToImmutable(), ImmutableArray.Create(sh.Arc)));
            first += nseg;
        }

        var geometry = new CellGeometry(xs, xe, ys, ye, zs, ze, diam, len, area);
        return new DiscretizedMorphology(
            sections.MoveToImmutable(), geometry, sectionOf, rLeft, rRight, cmUfPerCm2, raOhmCm, source);
    }

    /// <summary>
    /// NEURON stdlib.hoc <c>lambda_f(f)</c>: the section length divided by its length in units of the AC length
    /// constant, integrated over the pt3d pieces (Σ Δarc/√(d₁+d₂) · √2·1e-5·√(4π f Ra cm)). µm.
    /// </summary>
    internal static double LambdaF(ShapedSection section, double frequencyHz, double raOhmCm, double cmUfPerCm2)
    {
        var arc = section.Arc;
        var x1 = arc[0];
        double d1 = section.Diameter[0];
        double lam = 0;
        for (var i = 1; i < arc.Length; i++)
        {
            var x2 = arc[i];
            double d2 = section.Diameter[i];
            lam += (x2 - x1) / Math.Sqrt(d1 + d2);
            x1 = x2;
            d1 = d2;
        }

        lam *= Math.Sqrt(2) * 1e-5 * Math.Sqrt(4 * Math.PI * frequencyHz * raOhmCm * cmUfPerCm2);
        return section.LengthUm / lam;
    }

    /// <summary>numpy.interp for non-decreasing <paramref name="xp"/>, including its handling of repeated abscissae.</summary>
    internal static double Interp(double x, double[] xp, float[] fp)
    {
        var n = xp.Length;
        if (x > xp[n - 1])
        {
            return fp[n - 1];
        }

        if (x < xp[0])
        {
            return fp[0];
        }

        // largest j with xp[j] <= x
        int lo = 0, hi = n;
        while (hi - lo > 1)
        {
            var mid = (lo + hi) >> 1;
            if (xp[mid] <= x)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        var j = lo;
        if (j == n - 1 || xp[j] == x)
        {
            return fp[j];
        }

        var slope = ((double)fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
        var result = slope * (x - xp[j]) + fp[j];
        if (double.IsNaN(result))
        {
            result = slope * (x - xp[j + 1]) + fp[j + 1];
            if (double.IsNaN(result) && fp[j] == fp[j + 1])
            {
                result = fp[j];
            }
        }

        return result;
    }

    private static void Validate(MorphologyDescription morphology)
    {
        var source = morphology.Source;
        var sections = morphology.Sections;
        if (sections.Length == 0)
        {
            throw new InputException(source, "the morphology has no sections.");
        }

        for (var s = 0; s < sections.Length; s++)
        {
            var sec = sections[s];
            if (sec.Points.Length < 2)
            {
                throw new InputException(source, $"section '{sec.Name}' has {sec.Points.Length} pt3d point(s); at least 2 are needed.");
            }

            foreach (var p in sec.Points)
            {
                if (!(p.Diameter >= 0) || !float.IsFinite(p.X) || !float.IsFinite(p.Y) || !float.IsFinite(p.Z))
                {
                    throw new InputException(source, $"section '{sec.Name}': pt3d point ({p.X}, {p.Y}, {p.Z}) has diameter {p.Diameter}; expected finite coordinates and a diameter ≥ 0 µm.");
                }
            }

            if (sec.IsRoot)
            {
                continue;
            }

            if (sec.ParentIndex >= sections.Length)
            {
                throw new InputException(source, $"section '{sec.Name}': parent index {sec.ParentIndex} does not exist.");
            }

            if (!(sec.ParentX >= 0 && sec.ParentX <= 1))
            {
                throw new InputException(source, $"section '{sec.Name}': parent_x = {sec.ParentX}; expected 0 ≤ parent_x ≤ 1.");
            }

            if (sec.ChildX != 0)
            {
                throw new InputException(source, $"section '{sec.Name}': child_x = {sec.ChildX}; only sections connected at their 0 end are supported.");
            }
        }
    }

    /// <summary>Section indices with every parent before its children (breadth-first from the roots); detects cycles.</summary>
    internal static int[] ParentsFirst(MorphologyDescription morphology)
    {
        var sections = morphology.Sections;
        var order = SectionTreeOrder.BreadthFirst(sections.Length, s => sections[s].ParentIndex);
        if (order.Count != sections.Length)
        {
            throw new InputException(morphology.Source, "the sections' parent links form a cycle (some sections do not descend from a root).");
        }

        return order.ToArray();
    }
}
