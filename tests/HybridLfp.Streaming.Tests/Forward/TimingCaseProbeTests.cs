using HybridLfp.Streaming.Pipeline.Forward;
using HybridLfp.Streaming.Pipeline.SingleCell;
using HybridLfp.Streaming.Tests.Support;

namespace HybridLfp.Streaming.Tests.Forward;

/// <summary>
/// The single-cell timing case (timing_l5_100syn.json: 1072 segments, 100 synapses, 1000 ms at dt = 1/16): the
/// run-time 16-contact line-source probe and the CDM reproduce the reference samples within 1e-9 of max |value|.
/// </summary>
public sealed class TimingCaseProbeTests
{
    [Fact]
    public void LineSourceLfpAndCdmSamplesMatchReference()
    {
        using var reference = ReferenceCase.Open(SharedPaths.Of("reference", "timing_l5_100syn.json"));
        var probes = new CellProbesOutput();
        var c = SingleCellCaseReader.Parse(reference.Inputs, reference.Path);
        var result = new SingleCellCaseRunner(() => [probes]).Run(c, reference.Inputs);
        var results = probes.Results();

        var lfpRef = reference.Outputs.GetProperty("lfp_at_t").GetProperty("linesource");
        Compare(lfpRef, results["lfp/linesource"]);
        Compare(reference.Outputs.GetProperty("cdm_at_t"), result.Dipole.Moment);
        Compare(reference.Outputs.GetProperty("cdm_at_t"), results["cdm"]);
    }

    private static void Compare(System.Text.Json.JsonElement sampled, double[][] ours)
    {
        var index = ReferenceCase.Vector(sampled.GetProperty("t_index")).Select(v => (int)v).ToArray();
        var expected = ReferenceCase.Matrix(sampled.GetProperty("values"));
        var actual = ours.Select(row => index.Select(t => row[t]).ToArray()).ToArray();
        var error = ReferenceCase.ErrorRelativeToMax(expected, actual);
        Assert.True(error <= ForwardTestData.Tolerance, $"error {error:E3}");
    }
}
