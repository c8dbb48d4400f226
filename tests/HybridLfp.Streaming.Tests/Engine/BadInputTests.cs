using System.Text.Json.Nodes;
using HybridLfp.Streaming.Cli;
using HybridLfp.Streaming.Tests.Support;

namespace HybridLfp.Streaming.Tests.Engine;

/// <summary>
/// `hlfp cell` with bad input: exit code 2 and one message naming the input and what was wrong, no stack trace.
/// Each case edits one thing in the ball-and-stick reference case (written to a temp file).
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hlfp-engine-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static JsonNode BaseCase()
    {
        var text = File.ReadAllText(SharedPaths.Of("reference", "cases", "bs_expsyni.json"));
        var inputs = JsonNode.Parse(text)!["inputs"]!.DeepClone();
        return new JsonObject { ["inputs"] = inputs };
    }

    private async Task<(int Code, string Stderr)> RunAsync(JsonNode node)
    {
        var path = Path.Combine(_dir, "case.json");
        await File.WriteAllTextAsync(path, node.ToJsonString());
        return await RunPathAsync(path);
    }

    private async Task<(int Code, string Stderr)> RunPathAsync(string path)
    {
        var stderr = new StringWriter();
        var code = await Program.RunAsync(["cell", path, "-o", Path.Combine(_dir, "out.json")], TextWriter.Null, stderr, CancellationToken.None);
        return (code, stderr.ToString());
    }

    private static void AssertInputError((int Code, string Stderr) result, params string[] expected)
    {
        Assert.Equal(2, result.Code);
        Assert.StartsWith("hlfp cell: error:", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr); // no stack trace
        foreach (var e in expected)
        {
            Assert.Contains(e, result.Stderr);
        }
    }

    [Fact]
    public async Task MissingFile()
    {
        var path = Path.Combine(_dir, "no-such-case.json");
        AssertInputError(await RunPathAsync(path), "no-such-case.json", "file not found");
    }

    [Fact]
    public async Task NegativeDiameter()
    {
        var c = BaseCase();
        c["inputs"]!["morphology"]!["sections"]![1]!["pt3d"]![1]![3] = -2.0;
        AssertInputError(await RunAsync(c), "case.json", "inputs.morphology.sections[1].pt3d[1]", "negative diameter -2");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    public async Task NonPositiveTimeStep(double dt)
    {
        var c = BaseCase();
        c["inputs"]!["cell"]!["dt"] = dt;
        AssertInputError(await RunAsync(c), "case.json", "inputs.cell.dt", "> 0 ms");
    }

    [Fact]
    public async Task NegativeSpikeTime()
    {
        var c = BaseCase();
        c["inputs"]!["synapses"]![0]!["spike_times"]![1] = -3.0;
        AssertInputError(await RunAsync(c), "inputs.synapses[0].spike_times", "spike time -3 ms", "≥ 0");
    }

    [Fact]
    public async Task UnknownParentSectionName()
    {
        var c = BaseCase();
        c["inputs"]!["morphology"]!["sections"]![1]!["parent"] = "somma";
        AssertInputError(await RunAsync(c), "inputs.morphology.sections[1].parent", "unknown section name 'somma'");
    }

    [Fact]
    public async Task UnknownSynapseSectionName()
    {
        var c = BaseCase();
        c["inputs"]!["synapses"]![0]!["section"] = "axon";
        AssertInputError(await RunAsync(c), "inputs.synapses[0].section", "unknown section name 'axon'");
    }

    [Fact]
    public async Task UnknownSectionInNsegRule()
    {
        var c = BaseCase();
        c["inputs"]!["nseg"]!["per_section"]!["apical"] = 3;
        AssertInputError(await RunAsync(c), "nseg is given for section 'apical'");
    }

    [Fact]
    public async Task NotJson()
    {
        var path = Path.Combine(_dir, "broken.json");
        await File.WriteAllTextAsync(path, "{\"inputs\": {\n  \"cell\": [1, 2,\n");
        AssertInputError(await RunPathAsync(path), "broken.json", "not valid JSON");
    }
}
