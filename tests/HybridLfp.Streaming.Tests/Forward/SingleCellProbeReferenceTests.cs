using System.Text.Json;
using HybridLfp.Streaming.Numerics.Forward;
using HybridLfp.Streaming.Numerics.Geometry;
using HybridLfp.Streaming.Tests.Support;
using Xunit.Abstractions;

namespace HybridLfp.Streaming.Tests.Forward;

/// <summary>
/// The probes of every single-cell reference case, computed from the case's own geometry (outputs.geometry,
/// already transformed): electrode matrices for every method, the four-sphere matrix, and the time series obtained
/// by applying our matrices to the reference imem / cdm. Tolerance 1e-9 of the largest |value| of each array. Where
/// v_init ≠ e_pas the reference t = 0 column is an artifact (NEURON-numerics.md fact 12) and is left out, only there.
/// </summary>
public sealed class SingleCellProbeReferenceTests(ITestOutputHelper output)
{
    public static TheoryData<string> Cases() => ForwardTestData.CaseNames("bs_", "swc_", "mainen_", "ycell_", "synth_");

    [Theory]
    [MemberData(nameof(Cases))]
    public void ElectrodeMatricesMatch(string caseName)
    {
        using var reference = ReferenceCase.OpenCase(caseName);
        var cell = ForwardTestData.GeometryOf(reference.Outputs.GetProperty("geometry"));
        var compared = 0;
        foreach (var entry in reference.Outputs.GetProperty("M").EnumerateObject())
        {
            var electrode = ElectrodeFor(reference, entry.Name);
            var m = electrode.GetTransformationMatrix(cell);
            var (shape, expected) = ForwardTestData.Flatten(entry.Value);
            Assert.Equal(new[] { m.Rows, m.Columns }, shape);
            var error = ForwardTestData.RelativeToMax(expected, m.Values);
            output.WriteLine($"{caseName} M[{entry.Name}]: {error:E2}");
            Assert.True(error <= ForwardTestData.Tolerance, $"{caseName} M[{entry.Name}] error {error:E3}");
            compared++;
        }

        Assert.True(compared >= 1);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LfpFromReferenceImemMatches(string caseName)
    {
        using var reference = ReferenceCase.OpenCase(caseName);
        var outputs = reference.Outputs;
        var totnsegs = outputs.GetProperty("totnsegs").GetInt32();
        var imemIdx = ReferenceCase.Vector(reference.Inputs.GetProperty("record").GetProperty("imem_idx"));
        if (imemIdx.Length != totnsegs || imemIdx.Select((v, i) => (int)v == i).Any(ok => !ok))
        {
            output.WriteLine($"{caseName}: imem covers {imemIdx.Length} of {totnsegs} segments; lfp cannot be rebuilt from it (matrix test only).");
            return;
        }

        var cell = ForwardTestData.GeometryOf(outputs.GetProperty("geometry"));
        var imem = ReferenceCase.Matrix(outputs.GetProperty("imem"));
        var dropT0 = ForwardTestData.HasT0Artifact(reference.Inputs);
        foreach (var entry in outputs.GetProperty("lfp").EnumerateObject())
        {
            var m = ElectrodeFor(reference, entry.Name).GetTransformationMatrix(cell);
            var ours = m.Apply(imem);
            var expected = ReferenceCase.Matrix(entry.Value);
            if (entry.Name == "disk" && outputs.GetProperty("M").TryGetProperty("disk", out var mDiskRef))
            {
                // LFPy re-draws the disc points (global numpy RNG) when the probe is applied during simulate(), so the
                // reference lfp['disk'] does not come from disk_recorded_points: check that fact on the reference's own
                // arrays, and hold our series to the reference matrix applied to the reference imem instead.
                var selfConsistency = ReferenceCase.ErrorRelativeToMax(expected, TransformationMatrix.FromJagged(ReferenceCase.Matrix(mDiskRef)).Apply(imem));
                if (selfConsistency > ForwardTestData.Tolerance)
                {
                    output.WriteLine($"{caseName} lfp[disk]: reference lfp differs from its own M[disk]·imem by {selfConsistency:E2} (points re-drawn); compared with M[disk]·imem.");
                    expected = TransformationMatrix.FromJagged(ReferenceCase.Matrix(mDiskRef)).Apply(imem);
                }
            }

            var error = dropT0
                ? ReferenceCase.ErrorRelativeToMax(ForwardTestData.DropFirstColumn(expected), ForwardTestData.DropFirstColumn(ours))
                : ReferenceCase.ErrorRelativeToMax(expected, ours);
            output.WriteLine($"{caseName} lfp[{entry.Name}]: {error:E2}{(dropT0 ? " (t=0 excluded)" : "")}");
            Assert.True(error <= ForwardTestData.Tolerance, $"{caseName} lfp[{entry.Name}] error {error:E3}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DipoleProbesMatch(string caseName)
    {
        using var reference = ReferenceCase.OpenCase(caseName);
        var inputs = reference.Inputs;
        var outputs = reference.Outputs;
        var dropT0 = ForwardTestData.HasT0Artifact(reference.Inputs);
        var cdm = ReferenceCase.Matrix(outputs.GetProperty("cdm"));

        // Four-sphere EEG: the CDM placed at dipole_location.
        var fsIn = inputs.GetProperty("four_sphere");
        var fs = new FourSphereVolumeConductor(
            ReferenceCase.Matrix(fsIn.GetProperty("r_electrodes")).Select(r => Vec3.FromArray(r, "r_electrodes")).ToArray(),
            ReferenceCase.Vector(fsIn.GetProperty("radii")), ReferenceCase.Vector(fsIn.GetProperty("sigmas")));
        var mfs = fs.GetTransformationMatrix(Vec3.FromArray(ReferenceCase.Vector(fsIn.GetProperty("dipole_location")), "dipole_location"));
        var (_, mfsExpected) = ForwardTestData.Flatten(outputs.GetProperty("M_four_sphere"));
        var mfsError = ForwardTestData.RelativeToMax(mfsExpected, mfs.Values);
        Assert.True(mfsError <= ForwardTestData.Tolerance, $"M_four_sphere error {mfsError:E3}");
        var eegError = Compare(ReferenceCase.Matrix(outputs.GetProperty("eeg_four_sphere")), mfs.Apply(cdm), dropT0);
        Assert.True(eegError <= ForwardTestData.Tolerance, $"eeg_four_sphere error {eegError:E3}");

        // Infinite-medium dipole at the soma: r = contact − somapos.
        var el = inputs.GetProperty("electrode");
        var contacts = ReferenceCase.Vector(el.GetProperty("x")).Select((x, i) => new Vec3(x,
            ReferenceCase.Vector(el.GetProperty("y"))[i], ReferenceCase.Vector(el.GetProperty("z"))[i])).ToArray();
        var ivc = new InfiniteVolumeConductor(contacts, inputs.GetProperty("infinite_dipole").GetProperty("sigma").GetDouble());
        var soma = Vec3.FromArray(ReferenceCase.Vector(outputs.GetProperty("somapos")), "somapos");
        var phiError = Compare(ReferenceCase.Matrix(outputs.GetProperty("phi_infinite_dipole")), ivc.GetTransformationMatrix(soma).Apply(cdm), dropT0);
        Assert.True(phiError <= ForwardTestData.Tolerance, $"phi_infinite_dipole error {phiError:E3}");
        output.WriteLine($"{caseName}: M_four_sphere {mfsError:E2}, eeg_four_sphere {eegError:E2}, phi_infinite_dipole {phiError:E2}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CurrentDipoleMomentFromImemMatches(string caseName)
    {
        using var reference = ReferenceCase.OpenCase(caseName);
        var outputs = reference.Outputs;
        var totnsegs = outputs.GetProperty("totnsegs").GetInt32();
        var imemIdx = ReferenceCase.Vector(reference.Inputs.GetProperty("record").GetProperty("imem_idx"));
        if (imemIdx.Length != totnsegs)
        {
            return;
        }

        var cell = ForwardTestData.GeometryOf(outputs.GetProperty("geometry"));
        var cdm = new CurrentDipoleMoment().GetTransformationMatrix(cell).Apply(ReferenceCase.Matrix(outputs.GetProperty("imem")));
        var error = Compare(ReferenceCase.Matrix(outputs.GetProperty("cdm")), cdm, ForwardTestData.HasT0Artifact(reference.Inputs));
        output.WriteLine($"{caseName}: cdm {error:E2}");
        Assert.True(error <= ForwardTestData.Tolerance, $"cdm error {error:E3}");
    }

    private static double Compare(double[][] expected, double[][] actual, bool dropT0) => dropT0
        ? ReferenceCase.ErrorRelativeToMax(ForwardTestData.DropFirstColumn(expected), ForwardTestData.DropFirstColumn(actual))
        : ReferenceCase.ErrorRelativeToMax(expected, actual);

    /// <summary>The electrode behind outputs.M[key]: a method name, "aniso_METHOD", or "disk".</summary>
    private static RecExtElectrode ElectrodeFor(ReferenceCase reference, string key)
    {
        var inputs = reference.Inputs;
        var el = inputs.GetProperty("electrode");
        var x = ReferenceCase.Vector(el.GetProperty("x"));
        var y = ReferenceCase.Vector(el.GetProperty("y"));
        var z = ReferenceCase.Vector(el.GetProperty("z"));
        var sigma = Conductivity.Isotropic(el.GetProperty("sigma").GetDouble());
        if (key == "disk")
        {
            var disk = inputs.GetProperty("disk_electrode");
            var points = reference.Outputs.GetProperty("disk_recorded_points").EnumerateArray()
                .Select(c => (IReadOnlyList<Vec3>)c.EnumerateArray().Select(p => Vec3.FromArray(ReferenceCase.Vector(p), "points")).ToArray()).ToArray();
            var normals = ReferenceCase.Matrix(disk.GetProperty("N")).Select(n => Vec3.FromArray(n, "N")).ToArray();
            var surface = new ContactSurface(normals, disk.GetProperty("r").GetDouble(), disk.GetProperty("n").GetInt32(), ContactShape.Circle, 0, points);
            return new RecExtElectrode(x, y, z, sigma, ExtracellularMethods.Parse(disk.GetProperty("method").GetString()!), surface);
        }

        if (key.StartsWith("aniso_", StringComparison.Ordinal))
        {
            var s = ReferenceCase.Vector(inputs.GetProperty("aniso_sigma"));
            return new RecExtElectrode(x, y, z, Conductivity.Anisotropic(s[0], s[1], s[2]), ExtracellularMethods.Parse(key["aniso_".Length..]));
        }

        return new RecExtElectrode(x, y, z, sigma, ExtracellularMethods.Parse(key));
    }
}
