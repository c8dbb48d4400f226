using HybridLfp.Streaming.Numerics.Geometry;

namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>
/// Extracellular potential at the contacts of a microelectrode array under an in-vitro slice (LFPy's
/// <c>RecMEAElectrode</c>), by the method of images (<see cref="SliceImageFormulas"/>): M (n_contacts × n_seg),
/// mV/nA. The slice (σ_T) lies between the MEA glass (σ_G, below z_shift) and the saline bath (σ_S, above
/// z_shift + h); all three media are homogeneous, isotropic and linear (S/m). Every segment must lie inside the
/// slice; with <c>squeezeCellFactor</c> the cell is first compressed in depth about its root midpoint by
/// (1 − factor). Line-source and root-as-point forms need σ_G = 0 and contacts on the MEA plane.
/// </summary>
public sealed class RecMEAElectrode : ILinearModel
{
    private readonly Vec3[] _contacts;
    private readonly SliceParameters _slice;

    /// <summary>Source approximation.</summary>
    public ExtracellularMethod Method { get; }

    /// <summary>Depth compression factor in (−1, 1), or null.</summary>
    public double? SqueezeCellFactor { get; }

    /// <summary>Contact surfaces for n-point averaging, or null for point contacts.</summary>
    public ContactSurface? Surface { get; }

    public int OutputCount => _contacts.Length;

    /// <param name="x">contact x, µm</param>
    /// <param name="y">contact y, µm</param>
    /// <param name="z">contact z, µm</param>
    /// <param name="sigmaT">tissue conductivity, S/m (&gt; 0)</param>
    /// <param name="sigmaS">saline conductivity, S/m (≥ 0)</param>
    /// <param name="sigmaG">MEA glass conductivity, S/m (≥ 0)</param>
    /// <param name="hUm">slice thickness, µm (&gt; 0)</param>
    /// <param name="zShiftUm">depth of the MEA plane (bottom of the slice), µm</param>
    /// <param name="steps">number of image terms (≥ 1)</param>
    /// <param name="method">source approximation</param>
    /// <param name="squeezeCellFactor">depth compression factor in (−1, 1), or null</param>
    /// <param name="surface">finite contacts, or null</param>
    public RecMEAElectrode(double[] x, double[] y, double[] z, double sigmaT = 0.3, double sigmaS = 1.5, double sigmaG = 0.0,
        double hUm = 300.0, double zShiftUm = 0.0, int steps = 20, ExtracellularMethod method = ExtracellularMethod.LineSource,
        double? squeezeCellFactor = null, ContactSurface? surface = null)
    {
        ParameterChecks.SameLength(x, y, z, "x", "y", "z");
        ParameterChecks.Positive(sigmaT, "sigma_T", "S/m");
        ParameterChecks.NonNegative(sigmaS, "sigma_S", "S/m");
        ParameterChecks.NonNegative(sigmaG, "sigma_G", "S/m");
        ParameterChecks.Positive(hUm, "h", "µm");
        if (steps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "steps must be ≥ 1.");
        }

        if (squeezeCellFactor is { } f && !(Math.Abs(f) < 1))
        {
            throw new ArgumentOutOfRangeException("squeeze_cell_factor", f, "squeeze_cell_factor must lie in (−1, 1).");
        }

        if (method != ExtracellularMethod.PointSource)
        {
            for (var i = 0; i < z.Length; i++)
            {
                if (Math.Abs(z[i] - zShiftUm) > 1e-9)
                {
                    throw new ArgumentException($"method '{method.ToLfpyName()}' needs every contact on the MEA plane z = z_shift = {zShiftUm} µm; z[{i}] = {z[i]}. Use 'pointsource'.", "z");
                }
            }

            if (Math.Abs(sigmaG) > 1e-9)
            {
                throw new ArgumentException($"method '{method.ToLfpyName()}' needs sigma_G = 0; got {sigmaG}. Use 'pointsource'.", "sigma_G");
            }
        }

        _contacts = Enumerable.Range(0, x.Length).Select(i => new Vec3(x[i], y[i], z[i])).ToArray();
        _slice = new SliceParameters(sigmaT, sigmaS, sigmaG, hUm, zShiftUm, steps);
        Method = method;
        SqueezeCellFactor = squeezeCellFactor;
        Surface = surface;
    }

    public TransformationMatrix GetTransformationMatrix(CellGeometry cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        cell = CheckedCell(cell);
        var n = cell.SegmentCount;
        var rLimit = RecExtElectrode.RadiusLimits(cell);
        var values = new double[_contacts.Length * n];
        var points = Surface?.PointsFor(_contacts) ?? _contacts.Select(p => new[] { p }).ToArray();
        var tmp = new double[n];
        for (var c = 0; c < _contacts.Length; c++)
        {
            var row = values.AsSpan(c * n, n);
            foreach (var p in points[c])
            {
                switch (Method)
                {
                    case ExtracellularMethod.PointSource:
                        SliceImageFormulas.PointSource(cell, p, _slice, rLimit, tmp);
                        break;
                    default:
                        SliceImageFormulas.LineSource(cell, p, _slice, rLimit, tmp, Method == ExtracellularMethod.RootAsPoint);
                        break;
                }

                for (var i = 0; i < n; i++)
                {
                    row[i] += tmp[i];
                }
            }

            if (points[c].Length > 1)
            {
                for (var i = 0; i < n; i++)
                {
                    row[i] /= points[c].Length;
                }
            }
        }

        return new TransformationMatrix(_contacts.Length, n, values);
    }

    private CellGeometry CheckedCell(CellGeometry cell)
    {
        var bottom = _slice.ZShiftUm;
        var top = _slice.ZShiftUm + _slice.HUm;
        if (SqueezeCellFactor is { } factor)
        {
            var rootZ = cell.ZMid(0);
            if (!(bottom < rootZ && rootZ < top))
            {
                throw new ArgumentException($"the root segment midpoint (z = {rootZ} µm) is not inside the slice [{bottom}, {top}] µm.", nameof(cell));
            }

            cell = Squeeze(cell, factor);
        }

        for (var i = 0; i < cell.SegmentCount; i++)
        {
            foreach (var zz in new[] { cell.ZStart[i], cell.ZEnd[i] })
            {
                if (zz > top || zz < bottom)
                {
                    throw new ArgumentException(
                        $"segment {i} reaches z = {zz} µm, outside the slice [{bottom}, {top}] µm" +
                        (SqueezeCellFactor is null ? "; set squeeze_cell_factor, move or rotate the cell." : "; increase squeeze_cell_factor, move or rotate the cell."),
                        nameof(cell));
                }
            }
        }

        return cell;
    }

    /// <summary>Compresses z about the root midpoint by (1 − factor); length and area follow (LFPy's distort_cell_geometry
    /// with ν = 0: x and y unchanged; area = π·d·length).</summary>
    private static CellGeometry Squeeze(CellGeometry cell, double factor)
    {
        var z0 = cell.ZMid(0);
        var n = cell.SegmentCount;
        var zs = new double[n];
        var ze = new double[n];
        var length = new double[n];
        var area = new double[n];
        for (var i = 0; i < n; i++)
        {
            zs[i] = (cell.ZStart[i] - z0) * (1.0 - factor) + z0;
            ze[i] = (cell.ZEnd[i] - z0) * (1.0 - factor) + z0;
            var dx = cell.XEnd[i] - cell.XStart[i];
            var dy = cell.YEnd[i] - cell.YStart[i];
            var dz = ze[i] - zs[i];
            length[i] = Math.Sqrt(dx * dx + dy * dy + dz * dz);
            area[i] = Math.PI * cell.Diameter[i] * length[i];
        }

        return new CellGeometry(cell.XStart, cell.XEnd, cell.YStart, cell.YEnd, zs, ze, cell.Diameter, length, area);
    }
}
