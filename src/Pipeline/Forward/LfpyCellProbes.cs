using System.Text.Json;
using HybridLfp.Streaming.Numerics.Forward;
using HybridLfp.Streaming.Numerics.Geometry;

namespace HybridLfp.Streaming.Pipeline.Forward;

/// <summary>
/// The run-time probes of a single-cell case (schema of <c>../shared/reference/cases/bs_*</c> etc.: <c>inputs.electrode</c>,
/// <c>aniso_sigma</c>, <c>disk_electrode</c>, <c>four_sphere</c>, <c>infinite_dipole</c>), as one <see cref="ProbeSet"/> for
/// the cell's (transformed) geometry: <c>lfp/linesource</c>, <c>lfp/pointsource</c>, <c>lfp/root_as_point</c>
/// (mV; only those in <c>record.methods</c> when that list is given), <c>lfp/aniso_METHOD</c> when aniso_sigma is given, <c>lfp/disk</c> when disk_electrode is given, <c>cdm</c>
/// (nA·µm), <c>eeg_four_sphere</c> (mV; the CDM placed at dipole_location) and <c>phi_infinite_dipole</c> (mV;
/// r = contact − soma position). The dipole probes are chained after the CDM (exact by linearity). Disc points: the
/// given ones (diskPoints, e.g. LFPy's recorded points) or drawn with the case's seed.
/// </summary>
public static class LfpyCellProbes
{
    /// <summary>Builds the probe set. Throws <see cref="ArgumentException"/> naming the parameter on bad input.</summary>
    public static ProbeSet Build(JsonElement inputs, CellGeometry cell, Vec3 somaPositionUm, IReadOnlyList<IReadOnlyList<Vec3>>? diskPoints = null) =>
        Build(inputs, cell, somaPositionUm, diskPoints, out _);

    /// <summary>As <see cref="Build(JsonElement, CellGeometry, Vec3, IReadOnlyList{IReadOnlyList{Vec3}}?)"/>, also
    /// returning the disc points used ([contact][n], µm; null without disk_electrode), LFPy's recorded_points.</summary>
    public static ProbeSet Build(JsonElement inputs, CellGeometry cell, Vec3 somaPositionUm, IReadOnlyList<IReadOnlyList<Vec3>>? diskPoints,
        out Vec3[][]? diskRecordedPoints)
    {
        diskRecordedPoints = null;
        var probes = new List<(string, TransformationMatrix)>();
        var el = Get(inputs, "electrode");
        var x = Numbers(el, "x");
        var y = Numbers(el, "y");
        var z = Numbers(el, "z");
        var sigma = Get(el, "sigma").GetDouble();
        var contacts = x.Select((xx, i) => new Vec3(xx, y[i], z[i])).ToArray();
        ExtracellularMethod[] methods = [ExtracellularMethod.LineSource, ExtracellularMethod.PointSource, ExtracellularMethod.RootAsPoint];
        if (inputs.TryGetProperty("record", out var record) && record.ValueKind == JsonValueKind.Object
            && record.TryGetProperty("methods", out var listed) && listed.ValueKind == JsonValueKind.Array)
        {
            // record.methods restricts the point-contact electrode to the listed methods (the timing case: linesource).
            methods = listed.EnumerateArray().Select(m => ExtracellularMethods.Parse(m.GetString() ?? "", "record.methods")).ToArray();
        }

        foreach (var method in methods)
        {
            var electrode = new RecExtElectrode(x, y, z, Conductivity.Isotropic(sigma), method);
            probes.Add(("lfp/" + method.ToLfpyName(), electrode.GetTransformationMatrix(cell)));
        }

        if (inputs.TryGetProperty("aniso_sigma", out var aniso) && aniso.ValueKind == JsonValueKind.Array)
        {
            var s = aniso.EnumerateArray().Select(v => v.GetDouble()).ToArray();
            if (s.Length != 3)
            {
                throw new ArgumentException($"aniso_sigma must be [sigma_x, sigma_y, sigma_z] (S/m); it has {s.Length} values.", "aniso_sigma");
            }

            foreach (var method in new[] { ExtracellularMethod.LineSource, ExtracellularMethod.PointSource, ExtracellularMethod.RootAsPoint })
            {
                var electrode = new RecExtElectrode(x, y, z, Conductivity.Anisotropic(s[0], s[1], s[2], "aniso_sigma"), method);
                probes.Add(("lfp/aniso_" + method.ToLfpyName(), electrode.GetTransformationMatrix(cell)));
            }
        }

        if (inputs.TryGetProperty("disk_electrode", out var disk) && disk.ValueKind == JsonValueKind.Object)
        {
            var normals = Get(disk, "N").EnumerateArray().Select(n => Vec3.FromArray(n.EnumerateArray().Select(v => v.GetDouble()).ToArray(), "N")).ToArray();
            var seed = disk.TryGetProperty("seed", out var sd) && sd.ValueKind == JsonValueKind.Number ? sd.GetInt32() : 0;
            var shape = disk.TryGetProperty("contact_shape", out var cs) && cs.GetString() == "square" ? ContactShape.Square : ContactShape.Circle;
            var surface = new ContactSurface(normals, Get(disk, "r").GetDouble(), Get(disk, "n").GetInt32(), shape, seed, diskPoints);
            var method = disk.TryGetProperty("method", out var dm) ? ExtracellularMethods.Parse(dm.GetString() ?? "") : ExtracellularMethod.LineSource;
            var diskElectrode = new RecExtElectrode(x, y, z, Conductivity.Isotropic(sigma), method, surface);
            probes.Add(("lfp/disk", diskElectrode.GetTransformationMatrix(cell)));
            diskRecordedPoints = diskElectrode.RecordedPoints;
        }

        probes.Add(("cdm", new CurrentDipoleMoment().GetTransformationMatrix(cell)));

        if (inputs.TryGetProperty("four_sphere", out var fsIn) && fsIn.ValueKind == JsonValueKind.Object)
        {
            var fs = new FourSphereVolumeConductor(
                Get(fsIn, "r_electrodes").EnumerateArray().Select(r => Vec3.FromArray(r.EnumerateArray().Select(v => v.GetDouble()).ToArray(), "r_electrodes")).ToArray(),
                Numbers(fsIn, "radii"), Numbers(fsIn, "sigmas"));
            var location = Vec3.FromArray(Numbers(fsIn, "dipole_location"), "dipole_location");
            probes.Add(("eeg_four_sphere", DipoleChain.Compose(fs, location, cell)));
        }

        if (inputs.TryGetProperty("infinite_dipole", out var inf) && inf.ValueKind == JsonValueKind.Object)
        {
            var ivc = new InfiniteVolumeConductor(contacts, Get(inf, "sigma").GetDouble());
            probes.Add(("phi_infinite_dipole", DipoleChain.Compose(ivc, somaPositionUm, cell)));
        }

        return new ProbeSet(probes);
    }

    /// <summary>The four-sphere matrix M_four_sphere (n_el × 3, mV per nA·µm) of a case, or null.</summary>
    public static TransformationMatrix? FourSphereMatrix(JsonElement inputs)
    {
        if (!inputs.TryGetProperty("four_sphere", out var fsIn) || fsIn.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var fs = new FourSphereVolumeConductor(
            Get(fsIn, "r_electrodes").EnumerateArray().Select(r => Vec3.FromArray(r.EnumerateArray().Select(v => v.GetDouble()).ToArray(), "r_electrodes")).ToArray(),
            Numbers(fsIn, "radii"), Numbers(fsIn, "sigmas"));
        return fs.GetTransformationMatrix(Vec3.FromArray(Numbers(fsIn, "dipole_location"), "dipole_location"));
    }

    private static JsonElement Get(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v : throw new ArgumentException($"'{name}' is missing.", name);

    private static double[] Numbers(JsonElement e, string name) => Get(e, name).EnumerateArray().Select(v => v.GetDouble()).ToArray();
}
