using System.Text.Json;
using HybridLfp.Streaming.Cli;
using HybridLfp.Streaming.Tests.Support;

namespace HybridLfp.Streaming.Tests.Engine;

/// <summary>`hlfp cell CASE.json -o OUT.json` end to end: the written JSON has the reference keys and values.</summary>
public sealed class CellCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hlfp-cell-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task WritesTheReferenceOutputs()
    {
        using var reference = ReferenceCase.OpenCase("bs_multisyn_poisson");
        var outPath = Path.Combine(_dir, "out.json");
        var stderr = new StringWriter();
        var code = await Program.RunAsync(["cell", reference.Path, "-o", outPath], TextWriter.Null, stderr, CancellationToken.None);
        Assert.Equal(0, code);
        Assert.Contains("compartment-steps/s", stderr.ToString());
        using var written = JsonDocument.Parse(await File.ReadAllTextAsync(outPath));
        var o = written.RootElement.GetProperty("outputs");
        foreach (var key in new[] { "totnsegs", "nseg_per_section", "sections", "geometry", "somapos", "somaidx", "tvec", "somav", "vmem", "imem", "isyn", "cdm" })
        {
            Assert.True(o.TryGetProperty(key, out _), $"missing key {key}");
        }

        Assert.Equal(22, o.GetProperty("totnsegs").GetInt32());
        var expected = ReferenceCase.Matrix(reference.Outputs.GetProperty("vmem"));
        var actual = ReferenceCase.Matrix(o.GetProperty("vmem")); // decimated ×4 and 3 segments, as the case asks
        Assert.True(ReferenceCase.ErrorRelativeToMax(expected, actual) <= 1e-9);
        Assert.Equal(ReferenceCase.Vector(reference.Outputs.GetProperty("tvec")), ReferenceCase.Vector(o.GetProperty("tvec")));
    }

    [Fact]
    public async Task WritesToStandardOutputWithoutOutputFile()
    {
        using var reference = ReferenceCase.OpenCase("bs_expsyni");
        var stdout = new StringWriter();
        var code = await Program.RunAsync(["cell", reference.Path], stdout, TextWriter.Null, CancellationToken.None);
        Assert.Equal(0, code);
        using var written = JsonDocument.Parse(stdout.ToString());
        Assert.Equal(801, written.RootElement.GetProperty("outputs").GetProperty("tvec").GetArrayLength());
    }
}
