using System.Text.Json;
using HybridLfp.Streaming.Numerics.Forward;
using HybridLfp.Streaming.Numerics.Geometry;

namespace HybridLfp.Streaming.Pipeline.Forward;

/// <summary>
/// Builds one forward model from an LFPykit-style model entry (<c>{model, params}</c> of the <c>lfpykit_models_*</c>
/// reference cases) and evaluates the matrix and the products the entry asks for (M, M_at_I, M_at_p,
/// get_dipole_potential, calculate_H, calculate_B, recorded_points), with LFPykit's shapes. No file I/O.
/// </summary>
public static class LfpykitModelEvaluator
{
    /// <summary>Output keys this evaluator can produce (other keys of an entry, such as notes, are not outputs).</summary>
    public static readonly IReadOnlySet<string> OutputKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "M", "M_at_I", "M_at_p", "get_dipole_potential", "calculate_H", "calculate_B", "recorded_points", "M_shape",
    };

    /// <summary>
    /// Evaluates one entry. <paramref name="currents"/> is I [n_seg][n_t] (nA), <paramref name="dipole"/> p [3][n_t]
    /// (nA·µm). Throws <see cref="ArgumentException"/> naming the parameter on bad parameters.
    /// </summary>
    public static Dictionary<string, ForwardArray> Evaluate(JsonElement entry, CellGeometry cell, double[][] currents, double[][] dipole)
    {
        var model = entry.GetProperty("model").GetString() ?? throw new ArgumentException("model name missing", "model");
        var p = entry.GetProperty("params");
        var wanted = entry.EnumerateObject().Select(o => o.Name).Where(OutputKeys.Contains).ToHashSet(StringComparer.Ordinal);
        var result = new Dictionary<string, ForwardArray>(StringComparer.Ordinal);

        switch (model)
        {
            case "PointSourcePotential":
                AddLinear(result, new PointSourcePotential(Vec(p, "x"), Vec(p, "y"), Vec(p, "z"), Num(p, "sigma")), cell, currents);
                break;
            case "LineSourcePotential":
                AddLinear(result, new LineSourcePotential(Vec(p, "x"), Vec(p, "y"), Vec(p, "z"), Num(p, "sigma")), cell, currents);
                break;
            case "RecExtElectrode":
            {
                var electrode = new RecExtElectrode(Vec(p, "x"), Vec(p, "y"), Vec(p, "z"), Sigma(p), Method(p), Surface(p, entry));
                AddLinear(result, electrode, cell, currents);
                if (wanted.Contains("recorded_points") && electrode.RecordedPoints is { } pts)
                {
                    result["recorded_points"] = new ForwardArray([pts.Length, pts.Length == 0 ? 0 : pts[0].Length, 3],
                        pts.SelectMany(c => c.SelectMany(v => new[] { v.X, v.Y, v.Z })).ToArray());
                }

                break;
            }
            case "RecMEAElectrode":
                AddLinear(result, new RecMEAElectrode(Vec(p, "x"), Vec(p, "y"), Vec(p, "z"),
                    Num(p, "sigma_T"), Num(p, "sigma_S"), Num(p, "sigma_G"), Num(p, "h"), Num(p, "z_shift"), (int)Num(p, "steps"),
                    Method(p), OptionalNum(p, "squeeze_cell_factor"), Surface(p, entry)), cell, currents);
                break;
            case "OneSphereVolumeConductor":
            {
                var shifted = cell;
                if (p.TryGetProperty("cell_offset", out var off) && off.ValueKind == JsonValueKind.Array)
                {
                    shifted = Translate(cell, Vec3.FromArray(Vec(p, "cell_offset"), "cell_offset"));
                }

                var nMax = p.TryGetProperty("n_max", out var nm) ? nm.GetInt32() : 1000;
                AddLinear(result, new OneSphereVolumeConductor(Mat(p, "r"), Num(p, "R"), Num(p, "sigma_i"), Num(p, "sigma_o"), nMax), shifted, currents);
                break;
            }
            case "CurrentDipoleMoment":
                AddLinear(result, new CurrentDipoleMoment(), cell, currents);
                break;
            case "LaminarCurrentSourceDensity":
                AddLinear(result, new LaminarCurrentSourceDensity(Mat(p, "z"), Vec(p, "r")), cell, currents);
                break;
            case "VolumetricCurrentSourceDensity":
            {
                var csd = new VolumetricCurrentSourceDensity(Vec(p, "x"), Vec(p, "y"), Vec(p, "z"), p.TryGetProperty("dl", out var dl) ? dl.GetDouble() : 1.0);
                var m = csd.GetTransformationMatrix(cell);
                var (bx, by, bz) = csd.BinCounts;
                result["M"] = new ForwardArray([bx, by, bz, m.Columns], m.Values);
                result["M_shape"] = new ForwardArray([4], [bx, by, bz, m.Columns]);
                var sparse = new SparseTransformationMatrix(m);
                var nt = currents.Length == 0 ? 0 : currents[0].Length;
                result["M_at_I"] = ApplySparse(sparse, currents, nt).Reshape(bx, by, bz, nt);
                break;
            }
            case "FourSphereVolumeConductor":
            {
                var fs = new FourSphereVolumeConductor(Points(p, "r_electrodes"), Vec(p, "radii"), Vec(p, "sigmas"),
                    p.TryGetProperty("iter_factor", out var it) ? it.GetDouble() : 2.0 / 99.0 * 1e-6);
                AddDipole(result, fs.GetTransformationMatrix(Vec3.FromArray(Vec(p, "dipole_location"), "dipole_location")), dipole, "get_dipole_potential");
                break;
            }
            case "InfiniteVolumeConductor":
            {
                var ivc = new InfiniteVolumeConductor(Points(p, "r"), Num(p, "sigma"));
                AddDipole(result, ivc.GetTransformationMatrix(new Vec3(0, 0, 0)), dipole, "get_dipole_potential");
                break;
            }
            case "InfiniteHomogeneousVolCondMEG":
            {
                var meg = new InfiniteHomogeneousVolCondMEG(Points(p, "sensor_locations"));
                var m = meg.GetTransformationMatrix(Vec3.FromArray(Vec(p, "dipole_location"), "dipole_location"));
                AddMeg(result, m, dipole, meg.Mu);
                break;
            }
            case "SphericallySymmetricVolCondMEG":
            {
                var meg = new SphericallySymmetricVolCondMEG(Points(p, "r"));
                var m = meg.GetTransformationMatrix(Vec3.FromArray(Vec(p, "r_p"), "r_p"));
                AddMeg(result, m, dipole, meg.Mu);
                break;
            }
            default:
                throw new ArgumentException($"unknown model '{model}'.", "model");
        }

        // Only what the entry lists (plus M, always).
        foreach (var key in result.Keys.ToList())
        {
            if (key != "M" && !wanted.Contains(key))
            {
                result.Remove(key);
            }
        }

        return result;
    }

    private static void AddLinear(Dictionary<string, ForwardArray> result, ILinearModel model, CellGeometry cell, double[][] currents)
    {
        var m = model.GetTransformationMatrix(cell);
        result["M"] = new ForwardArray([m.Rows, m.Columns], m.Values);
        result["M_at_I"] = ForwardArray.FromRows(m.Apply(currents));
    }

    private static void AddDipole(Dictionary<string, ForwardArray> result, TransformationMatrix m, double[][] dipole, string potentialKey)
    {
        result["M"] = new ForwardArray([m.Rows, 3], m.Values);
        var y = ForwardArray.FromRows(m.Apply(dipole));
        result["M_at_p"] = y;
        result[potentialKey] = y;
    }

    private static void AddMeg(Dictionary<string, ForwardArray> result, TransformationMatrix m, double[][] dipole, double mu)
    {
        var nSensors = m.Rows / 3;
        var nt = dipole.Length == 0 ? 0 : dipole[0].Length;
        result["M"] = new ForwardArray([nSensors, 3, 3], m.Values);
        result["M_shape"] = new ForwardArray([3], [nSensors, 3, 3]);
        var h = ForwardArray.FromRows(m.Apply(dipole)).Reshape(nSensors, 3, nt);
        result["M_at_p"] = h;
        result["calculate_H"] = h;
        result["calculate_B"] = new ForwardArray(h.Shape, h.Values.Select(v => mu * v).ToArray());
    }

    private static ForwardArray ApplySparse(SparseTransformationMatrix m, double[][] currents, int nt)
    {
        var input = new double[nt * m.Columns];
        for (var c = 0; c < m.Columns; c++)
        {
            for (var t = 0; t < nt; t++)
            {
                input[t * m.Columns + c] = currents[c][t];
            }
        }

        var output = new double[nt * m.Rows];
        m.ApplyBlock(input, nt, output);
        var rowsByTime = new double[m.Rows * nt];
        for (var r = 0; r < m.Rows; r++)
        {
            for (var t = 0; t < nt; t++)
            {
                rowsByTime[r * nt + t] = output[t * m.Rows + r];
            }
        }

        return new ForwardArray([m.Rows, nt], rowsByTime);
    }

    private static CellGeometry Translate(CellGeometry c, Vec3 d)
    {
        static double[] Add(double[] a, double s) => a.Select(v => v + s).ToArray();
        return new CellGeometry(Add(c.XStart, d.X), Add(c.XEnd, d.X), Add(c.YStart, d.Y), Add(c.YEnd, d.Y), Add(c.ZStart, d.Z), Add(c.ZEnd, d.Z),
            c.Diameter, c.Length, c.Area);
    }

    private static Conductivity Sigma(JsonElement p)
    {
        var s = Get(p, "sigma");
        if (s.ValueKind == JsonValueKind.Array)
        {
            var v = Vec(p, "sigma");
            if (v.Length != 3)
            {
                throw new ArgumentException($"sigma must be a number or [sigma_x, sigma_y, sigma_z] (S/m); got {v.Length} values.", "sigma");
            }

            return Conductivity.Anisotropic(v[0], v[1], v[2]);
        }

        return Conductivity.Isotropic(s.GetDouble());
    }

    private static ExtracellularMethod Method(JsonElement p) =>
        p.TryGetProperty("method", out var m) ? ExtracellularMethods.Parse(m.GetString() ?? "") : ExtracellularMethod.LineSource;

    private static ContactSurface? Surface(JsonElement p, JsonElement entry)
    {
        if (!p.TryGetProperty("N", out var nEl) || nEl.ValueKind == JsonValueKind.Null
            || !p.TryGetProperty("r", out var rEl) || rEl.ValueKind == JsonValueKind.Null
            || !p.TryGetProperty("n", out var cnt) || cnt.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var normals = Points(p, "N");
        var shape = p.TryGetProperty("contact_shape", out var sh) && sh.GetString() == "square" ? ContactShape.Square : ContactShape.Circle;
        IReadOnlyList<IReadOnlyList<Vec3>>? given = null;
        if (entry.TryGetProperty("recorded_points", out var rp))
        {
            given = rp.EnumerateArray().Select(contact => (IReadOnlyList<Vec3>)contact.EnumerateArray()
                .Select(pt => Vec3.FromArray(pt.EnumerateArray().Select(v => v.GetDouble()).ToArray(), "recorded_points")).ToArray()).ToArray();
        }

        var seed = p.TryGetProperty("seedvalue", out var sv) && sv.ValueKind == JsonValueKind.Number ? sv.GetInt32() : 0;
        return new ContactSurface(normals, rEl.GetDouble(), cnt.GetInt32(), shape, seed, given);
    }

    private static JsonElement Get(JsonElement p, string name) =>
        p.TryGetProperty(name, out var v) ? v : throw new ArgumentException($"parameter '{name}' is missing.", name);

    private static double Num(JsonElement p, string name)
    {
        var v = Get(p, name);
        return v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw new ArgumentException($"parameter '{name}' must be a number.", name);
    }

    private static double? OptionalNum(JsonElement p, string name) =>
        p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static double[] Vec(JsonElement p, string name)
    {
        var v = Get(p, name);
        if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.Number))
        {
            throw new ArgumentException($"parameter '{name}' must be an array of numbers.", name);
        }

        return v.EnumerateArray().Select(e => e.GetDouble()).ToArray();
    }

    private static double[][] Mat(JsonElement p, string name)
    {
        var v = Get(p, name);
        if (v.ValueKind != JsonValueKind.Array)
        {
            throw new ArgumentException($"parameter '{name}' must be a 2-D array of numbers.", name);
        }

        return v.EnumerateArray().Select((row, i) => row.ValueKind == JsonValueKind.Array
            ? row.EnumerateArray().Select(e => e.GetDouble()).ToArray()
            : throw new ArgumentException($"parameter '{name}[{i}]' must be an array of numbers.", name)).ToArray();
    }

    private static Vec3[] Points(JsonElement p, string name)
    {
        var m = Mat(p, name);
        return m.Select((row, i) => row.Length == 3 ? new Vec3(row[0], row[1], row[2])
            : throw new ArgumentException($"parameter '{name}[{i}]' must have 3 elements (x, y, z); it has {row.Length}.", name)).ToArray();
    }
}
