using System.Text.Json;
using HybridLfp.Streaming.Pipeline.Forward;
using HybridLfp.Streaming.Tests.Support;

namespace HybridLfp.Streaming.Tests.Forward;

/// <summary>`hlfp forward` in-process on the LFPykit-only cases: every listed output within 1e-9 of max |value|.</summary>
public sealed class ForwardCommandTests
{
    [Fact]
    public async Task ForwardCommandReproducesEveryModelOfTheCase()
    {
        foreach (var caseName in ReferenceCase.CaseNames("lfpykit_models_"))
        {
            using var reference = ReferenceCase.OpenCase(caseName);
            var outPath = Path.Combine(Path.GetTempPath(), $"hlfp-forward-{Guid.NewGuid():N}.json");
            try
            {
                var stdout = new StringWriter();
                var stderr = new StringWriter();
                var code = await HybridLfp.Streaming.Cli.Program.RunAsync(["forward", reference.Path, "-o", outPath], stdout, stderr, CancellationToken.None);
                Assert.True(code == 0, stderr.ToString());

                using var written = JsonDocument.Parse(await File.ReadAllTextAsync(outPath), new JsonDocumentOptions { MaxDepth = 256 });
                var ours = written.RootElement.GetProperty("models").EnumerateArray().ToArray();
                var expected = reference.Root.GetProperty("models").EnumerateArray().ToArray();
                Assert.Equal(expected.Length, ours.Length);
                var compared = 0;
                for (var k = 0; k < expected.Length; k++)
                {
                    Assert.Equal(expected[k].GetProperty("model").GetString(), ours[k].GetProperty("model").GetString());
                    foreach (var property in expected[k].EnumerateObject().Where(p => LfpykitModelEvaluator.OutputKeys.Contains(p.Name)))
                    {
                        var (shape, values) = ForwardTestData.Flatten(property.Value);
                        var (ourShape, ourValues) = ForwardTestData.Flatten(ours[k].GetProperty(property.Name));
                        Assert.Equal(shape, ourShape);
                        var error = ForwardTestData.RelativeToMax(values, ourValues);
                        Assert.True(error <= ForwardTestData.Tolerance, $"{caseName} models[{k}].{property.Name}: {error:E3}");
                        compared++;
                    }
                }

                Assert.True(compared >= 2 * expected.Length);
            }
            finally
            {
                File.Delete(outPath);
            }
        }
    }

    [Fact]
    public async Task BadParameterNamesFileEntryAndParameter()
    {
        var inPath = Path.Combine(Path.GetTempPath(), $"hlfp-forward-bad-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(inPath, """
            {"cell": {"x": [[0, 0]], "y": [[0, 0]], "z": [[0, 10]], "d": [1]}, "I": [[0.0]], "p": [[0.0], [0.0], [1.0]],
             "models": [{"model": "PointSourcePotential", "params": {"x": [10], "y": [0], "z": [0], "sigma": -0.3}, "M": []}]}
            """);
        try
        {
            var stderr = new StringWriter();
            var code = await HybridLfp.Streaming.Cli.Program.RunAsync(["forward", inPath, "-o", inPath + ".out"], new StringWriter(), stderr, CancellationToken.None);
            Assert.Equal(2, code);
            var message = stderr.ToString();
            Assert.Contains(inPath, message);
            Assert.Contains("models[0]", message);
            Assert.Contains("sigma", message);
            Assert.DoesNotContain("   at ", message); // no stack trace
        }
        finally
        {
            File.Delete(inPath);
            File.Delete(inPath + ".out");
        }
    }
}
