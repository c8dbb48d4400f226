using System.Collections.Immutable;
using HybridLfp.Streaming.Numerics.Discretization;
using HybridLfp.Streaming.Numerics.Geometry;

namespace HybridLfp.Streaming.Numerics.Cells;

/// <summary>
/// A placed cell in LFPy's spirit (<c>LFPy.Cell</c> without NEURON): a shared <see cref="DiscretizedMorphology"/>
/// plus this cell's segment end points, which set_pos / set_rotation / chiral_morphology / distort_geometry move.
/// As LFPy, construction moves the soma midpoint to the origin. Only the geometry seen by forward models changes;
/// the cable properties stay those of the morphology. Not thread-safe (one owner).
/// </summary>
public sealed class Cell
{
    private readonly double[] _xs, _xe, _ys, _ye, _zs, _ze, _length;
    private CellGeometry? _geometry;

    public Cell(DiscretizedMorphology morphology)
    {
        ArgumentNullException.ThrowIfNull(morphology);
        Morphology = morphology;
        var g = morphology.Geometry;
        _xs = (double[])g.XStart.Clone();
        _xe = (double[])g.XEnd.Clone();
        _ys = (double[])g.YStart.Clone();
        _ye = (double[])g.YEnd.Clone();
        _zs = (double[])g.ZStart.Clone();
        _ze = (double[])g.ZEnd.Clone();
        _length = (double[])g.Length.Clone();

        var soma = new List<int>();
        for (var i = 0; i < morphology.SegmentCount; i++)
        {
            if (morphology.SectionName(i).Contains("soma", StringComparison.Ordinal))
            {
                soma.Add(i);
            }
        }

        HasSoma = soma.Count > 0;
        SomaIndices = soma.Count > 0 ? [.. soma] : [0];
        SomaPosition = ComputeSomaPosition();
        SetPosition(0, 0, 0);
    }

    /// <summary>The shared discretized morphology.</summary>
    public DiscretizedMorphology Morphology { get; }

    /// <summary>Number of segments.</summary>
    public int SegmentCount => Morphology.SegmentCount;

    /// <summary>True if some section name contains "soma" (LFPy's test).</summary>
    public bool HasSoma { get; }

    /// <summary>Segments of the soma sections (LFPy's somaidx); segment 0 if there is no soma.</summary>
    public ImmutableArray<int> SomaIndices { get; }

    /// <summary>Soma position (LFPy's somapos), µm.</summary>
    public Position3 SomaPosition { get; private set; }

    /// <summary>Current segment geometry (a snapshot; replaced after every transformation).</summary>
    public CellGeometry Geometry => _geometry ??= new CellGeometry(
        (double[])_xs.Clone(), (double[])_xe.Clone(), (double[])_ys.Clone(), (double[])_ye.Clone(),
        (double[])_zs.Clone(), (double[])_ze.Clone(), Morphology.Geometry.Diameter, (double[])_length.Clone(),
        Morphology.Geometry.Area);

    /// <summary>
    /// The segment whose voltage LFPy records as somav: soma(0.5) for one soma section; for several, LFPy's
    /// middle-segment rule; null without soma.
    /// </summary>
    public int? SomaVoltageSegment
    {
        get
        {
            if (!HasSoma)
            {
                return null;
            }

            var somaSections = Morphology.Sections.Count(s => s.Name.Contains("soma", StringComparison.Ordinal));
            if (somaSections == 1)
            {
                var s = Morphology.SectionOfSegment(SomaIndices[0]);
                return Morphology.SegmentAt(s, 0.5);
            }

            var nseg = SomaIndices.Length;
            // LFPy: counter k = 1.. over soma segments; record at k == (nseg/2)*2, or the first if nseg == 2.
            var k = nseg == 2 ? 1 : nseg / 2 * 2;
            return SomaIndices[k - 1];
        }
    }

    /// <summary>LFPy's set_pos: translates the cell so that the soma position is (x, y, z), µm.</summary>
    public void SetPosition(double x, double y, double z)
    {
        var dx = x - SomaPosition.X;
        var dy = y - SomaPosition.Y;
        var dz = z - SomaPosition.Z;
        for (var i = 0; i < SegmentCount; i++)
        {
            _xs[i] += dx;
            _ys[i] += dy;
            _zs[i] += dz;
            _xe[i] += dx;
            _ye[i] += dy;
            _ze[i] += dz;
        }

        SomaPosition = new Position3(x, y, z);
        _geometry = null;
    }

    /// <summary>
    /// LFPy's set_rotation with rotation_order 'xyz': rotates about the soma position by the given angles (radians),
    /// x first, then y, then z; null skips an axis. Each step is <c>rel · R(−angle)</c> as LFPy.
    /// </summary>
    public void SetRotation(double? x = null, double? y = null, double? z = null)
    {
        if (x is { } ax)
        {
            var t = -ax;
            double c = Math.Cos(t), s = Math.Sin(t);
            Rotate([1, 0, 0, 0, c, -s, 0, s, c]);
        }

        if (y is { } ay)
        {
            var t = -ay;
            double c = Math.Cos(t), s = Math.Sin(t);
            Rotate([c, 0, s, 0, 1, 0, -s, 0, c]);
        }

        if (z is { } az)
        {
            var t = -az;
            double c = Math.Cos(t), s = Math.Sin(t);
            Rotate([c, -s, 0, s, c, 0, 0, 0, 1]);
        }
    }

    /// <summary>LFPy's chiral_morphology: mirrors the cell about the soma along <paramref name="axis"/>.</summary>
    public void ChiralMorphology(Axis axis)
    {
        var (s, e, p) = axis switch
        {
            Axis.X => (_xs, _xe, SomaPosition.X),
            Axis.Y => (_ys, _ye, SomaPosition.Y),
            _ => (_zs, _ze, SomaPosition.Z),
        };
        for (var i = 0; i < SegmentCount; i++)
        {
            s[i] = -(s[i] - p) + p;
            e[i] = -(e[i] - p) + p;
        }

        _geometry = null;
    }

    /// <summary>
    /// LFPy's distort_geometry: scales positions about the soma by (1 − factor) along <paramref name="axis"/> and by
    /// (1 + factor·nu) along the others (nu is Poisson's ratio), then recomputes segment lengths. |factor| &lt; 1.
    /// </summary>
    public void DistortGeometry(double factor, Axis axis = Axis.Z, double nu = 0)
    {
        if (!(Math.Abs(factor) < 1))
        {
            throw new InputException("distort_geometry", $"factor must be in (-1, 1), got {factor}.");
        }

        Scale(_xs, _xe, SomaPosition.X, axis == Axis.X ? 1 - factor : 1 + factor * nu);
        Scale(_ys, _ye, SomaPosition.Y, axis == Axis.Y ? 1 - factor : 1 + factor * nu);
        Scale(_zs, _ze, SomaPosition.Z, axis == Axis.Z ? 1 - factor : 1 + factor * nu);
        for (var i = 0; i < SegmentCount; i++)
        {
            double dx = _xe[i] - _xs[i], dy = _ye[i] - _ys[i], dz = _ze[i] - _zs[i];
            _length[i] = Math.Sqrt(dx * dx + dy * dy + dz * dz);
        }

        _geometry = null;
    }

    /// <summary>
    /// LFPy's get_idx: segments of sections whose name contains any of <paramref name="sectionPatterns"/>
    /// ("allsec" or an empty list = all), with midpoint z strictly inside (zMin, zMax), µm; in segment order.
    /// </summary>
    public int[] GetIndices(IReadOnlyList<string> sectionPatterns, double zMin = double.NegativeInfinity, double zMax = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(sectionPatterns);
        var all = sectionPatterns.Count == 0 || (sectionPatterns.Count == 1 && sectionPatterns[0] == "allsec");
        var result = new List<int>();
        for (var i = 0; i < SegmentCount; i++)
        {
            if (!all && !Matches(Morphology.SectionName(i), sectionPatterns))
            {
                continue;
            }

            var zm = (_zs[i] + _ze[i]) / 2;
            if (zm > zMin && zm < zMax)
            {
                result.Add(i);
            }
        }

        return [.. result];
    }

    /// <summary>get_idx with one pattern.</summary>
    public int[] GetIndices(string section = "allsec", double zMin = double.NegativeInfinity, double zMax = double.PositiveInfinity) =>
        GetIndices([section], zMin, zMax);

    /// <summary>LFPy's get_closest_idx: the segment of matching sections whose midpoint is nearest (x, y, z), µm.</summary>
    public int GetClosestIndex(double x, double y, double z, string section = "allsec")
    {
        var idx = GetIndices(section);
        if (idx.Length == 0)
        {
            throw new InputException("section", $"no section name contains '{section}'.");
        }

        var best = idx[0];
        var bestD = double.PositiveInfinity;
        foreach (var i in idx)
        {
            var dx = (_xs[i] + _xe[i]) / 2 - x;
            var dy = (_ys[i] + _ye[i]) / 2 - y;
            var dz = (_zs[i] + _ze[i]) / 2 - z;
            var d = dx * dx + dy * dy + dz * dz;
            if (d < bestD)
            {
                bestD = d;
                best = i;
            }
        }

        return best;
    }

    /// <summary>
    /// LFPy's get_rand_idx_area_norm: <paramref name="count"/> segments drawn with probability ∝ membrane area among
    /// the segments <see cref="GetIndices(IReadOnlyList{string}, double, double)"/> selects (alias method; two
    /// uniforms per draw from <paramref name="random"/>, deterministic for a seeded source). Empty if none match.
    /// </summary>
    public int[] GetRandomIndicesAreaNormalized(IReadOnlyList<string> sectionPatterns, int count, double zMin, double zMax, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var candidates = GetIndices(sectionPatterns, zMin, zMax);
        if (count < 1 || candidates.Length == 0)
        {
            return [];
        }

        var area = Morphology.Geometry.Area;
        var weights = new double[candidates.Length];
        for (var i = 0; i < candidates.Length; i++)
        {
            weights[i] = area[candidates[i]];
        }

        var table = new AliasTable(weights);
        var result = new int[count];
        for (var n = 0; n < count; n++)
        {
            result[n] = candidates[table.Draw(random)];
        }

        return result;
    }

    private static bool Matches(string name, IReadOnlyList<string> patterns)
    {
        foreach (var p in patterns)
        {
            if (name.Contains(p, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private void Rotate(double[] r)
    {
        var p = SomaPosition;
        for (var i = 0; i < SegmentCount; i++)
        {
            RotatePoint(ref _xs[i], ref _ys[i], ref _zs[i], p, r);
            RotatePoint(ref _xe[i], ref _ye[i], ref _ze[i], p, r);
        }

        _geometry = null;
    }

    // row vector times matrix, as numpy's rel @ R (r row-major 3×3)
    private static void RotatePoint(ref double x, ref double y, ref double z, Position3 p, double[] r)
    {
        var a = x - p.X;
        var b = y - p.Y;
        var c = z - p.Z;
        var nx = a * r[0] + b * r[3] + c * r[6];
        var ny = a * r[1] + b * r[4] + c * r[7];
        var nz = a * r[2] + b * r[5] + c * r[8];
        x = nx + p.X;
        y = ny + p.Y;
        z = nz + p.Z;
    }

    private static void Scale(double[] s, double[] e, double p, double f)
    {
        for (var i = 0; i < s.Length; i++)
        {
            s[i] = (s[i] - p) * f + p;
            e[i] = (e[i] - p) * f + p;
        }
    }

    private Position3 ComputeSomaPosition()
    {
        // LFPy: one soma segment → mean of its start and end; several → mean of their midpoints.
        var idx = SomaIndices;
        if (idx.Length == 1)
        {
            var i = idx[0];
            return new Position3((_xs[i] + _xe[i]) / 2, (_ys[i] + _ye[i]) / 2, (_zs[i] + _ze[i]) / 2);
        }

        double sx = 0, sy = 0, sz = 0;
        foreach (var i in idx)
        {
            sx += (_xs[i] + _xe[i]) / 2;
            sy += (_ys[i] + _ye[i]) / 2;
            sz += (_zs[i] + _ze[i]) / 2;
        }

        return new Position3(sx / idx.Length, sy / idx.Length, sz / idx.Length);
    }
}
