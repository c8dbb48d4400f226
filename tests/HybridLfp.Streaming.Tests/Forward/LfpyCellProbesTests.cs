using HybridLfp.Streaming.Numerics.Forward;
using HybridLfp.Streaming.Pipeline.Forward;
using HybridLfp.Streaming.Tests.Support;

namespace HybridLfp.Streaming.Tests.Forward;

/// <summary>
/// The run-time probe set of the single-cell cases, fed sample by sample with the reference imem (what the cell
/// simulation will feed it): every probe output within 1e-9 of max |value| of the reference series (t = 0 rule of
/// NEURON-numerics.md fact 12 where v_init ≠ e_pas).
/// </summary>
public sealed class LfpyCellProbesTests
{
    public static TheoryData<string> Cases() => ForwardTestData.CaseNames("bs_", "swc_", "ycell_", "synth_");

    [Theory]
    [MemberData(nameof(Cases))]
    public void StreamedProbesReproduceReferenceSeries(string caseName)
    {
        using var reference = ReferenceCase.OpenCase(caseName);
        var outputs = reference.Outputs;
        var totnsegs = outputs.GetProperty("totnsegs").GetInt32();
        var imem = ReferenceCase.Matrix(outputs.GetProperty("imem"));
        if (imem.Length != totnsegs)
        {
            return; // imem recorded for a subset of segments only: nothing to stream
        }

        var cell = ForwardTestData.GeometryOf(outputs.GetProperty("geometry"));
        var soma = Vec3.FromArray(ReferenceCase.Vector(outputs.GetProperty("somapos")), "somapos");
        IReadOnlyList<IReadOnlyList<Vec3>>? diskPoints = null;
        if (outputs.TryGetProperty("disk_recorded_points", out var dp) && dp.ValueKind == System.Text.Json.JsonValueKind.Array)
        {
            diskPoints = dp.EnumerateArray().Select(c => (IReadOnlyList<Vec3>)c.EnumerateArray().Select(p => Vec3.FromArray(ReferenceCase.Vector(p), "p")).ToArray()).ToArray();
        }

        var probes = LfpyCellProbes.Build(reference.Inputs, cell, soma, diskPoints);
        var recorder = new ProjectionRecorder(probes.Stacked.Rows);
        var sink = probes.CreateSink(recorder, 32);
        var sample = new double[totnsegs];
        for (var t = 0; t < imem[0].Length; t++)
        {
            for (var s = 0; s < totnsegs; s++)
            {
                sample[s] = imem[s][t];
            }

            sink.OnSample(t, t, sample);
        }

        sink.Complete();
        var results = probes.Split(recorder.ToArray());
        var dropT0 = ForwardTestData.HasT0Artifact(reference.Inputs);

        var compared = 0;
        foreach (var entry in outputs.GetProperty("lfp").EnumerateObject())
        {
            var expected = ReferenceCase.Matrix(entry.Value);
            if (entry.Name == "disk")
            {
                // LFPy re-drew the disc points at simulate() (see SingleCellProbeReferenceTests): compare with the
                // reference M[disk] applied to the reference imem.
                expected = TransformationMatrix.FromJagged(ReferenceCase.Matrix(outputs.GetProperty("M").GetProperty("disk"))).Apply(imem);
            }

            Check(caseName, "lfp/" + entry.Name, expected, results["lfp/" + entry.Name], dropT0);
            compared++;
        }

        Check(caseName, "cdm", ReferenceCase.Matrix(outputs.GetProperty("cdm")), results["cdm"], dropT0);
        Check(caseName, "eeg_four_sphere", ReferenceCase.Matrix(outputs.GetProperty("eeg_four_sphere")), results["eeg_four_sphere"], dropT0);
        Check(caseName, "phi_infinite_dipole", ReferenceCase.Matrix(outputs.GetProperty("phi_infinite_dipole")), results["phi_infinite_dipole"], dropT0);
        Assert.True(compared >= 3);

        // The matrices the cell command writes: M per method and M_four_sphere.
        foreach (var entry in outputs.GetProperty("M").EnumerateObject())
        {
            var (_, values) = ForwardTestData.Flatten(entry.Value);
            Assert.True(ForwardTestData.RelativeToMax(values, probes["lfp/" + entry.Name].Matrix.Values) <= ForwardTestData.Tolerance, $"M[{entry.Name}]");
        }

        var (_, mfs) = ForwardTestData.Flatten(outputs.GetProperty("M_four_sphere"));
        Assert.True(ForwardTestData.RelativeToMax(mfs, LfpyCellProbes.FourSphereMatrix(reference.Inputs)!.Values) <= ForwardTestData.Tolerance);
    }

    private static void Check(string caseName, string name, double[][] expected, double[][] actual, bool dropT0)
    {
        var error = dropT0
            ? ReferenceCase.ErrorRelativeToMax(ForwardTestData.DropFirstColumn(expected), ForwardTestData.DropFirstColumn(actual))
            : ReferenceCase.ErrorRelativeToMax(expected, actual);
        Assert.True(error <= ForwardTestData.Tolerance, $"{caseName} {name}: {error:E3}");
    }
}
