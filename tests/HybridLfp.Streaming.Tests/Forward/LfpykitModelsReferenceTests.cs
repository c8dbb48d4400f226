using System.Text.Json;
using HybridLfp.Streaming.Pipeline.Forward;
using HybridLfp.Streaming.Tests.Support;
using Xunit.Abstractions;

namespace HybridLfp.Streaming.Tests.Forward;

/// <summary>
/// Every model entry of every public <c>lfpykit_models_*</c> case (LFPykit 0.6.2): our matrix and every product the
/// entry lists must match within 1e-9 of the largest |value| of the reference array.
/// </summary>
public sealed class LfpykitModelsReferenceTests(ITestOutputHelper output)
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in ReferenceCase.CaseNames("lfpykit_models_"))
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryModelMatchesReference(string caseName)
    {
        using var reference = ReferenceCase.OpenCase(caseName);
        var root = reference.Root;
        var results = LfpykitCaseRunner.Run(root, reference.Path);
        var entries = root.GetProperty("models").EnumerateArray().ToArray();
        Assert.Equal(entries.Length, results.Count);
        var compared = 0;
        var worst = 0.0;
        for (var k = 0; k < entries.Length; k++)
        {
            var entry = entries[k];
            var label = $"models[{k}] {entry.GetProperty("model").GetString()} {entry.GetProperty("params")}";
            foreach (var property in entry.EnumerateObject())
            {
                if (!LfpykitModelEvaluator.OutputKeys.Contains(property.Name))
                {
                    continue;
                }

                Assert.True(results[k].TryGetValue(property.Name, out var ours), $"{label}: no output '{property.Name}'");
                var (shape, expected) = ForwardTestData.Flatten(property.Value);
                if (property.Name == "M_shape")
                {
                    Assert.Equal(expected, ours.Values);
                    continue;
                }

                Assert.Equal(shape, ours.Shape);
                var error = ForwardTestData.RelativeToMax(expected, ours.Values);
                output.WriteLine($"{label[..Math.Min(label.Length, 80)]} {property.Name}: {error:E2}");
                worst = Math.Max(worst, error);
                Assert.True(error <= ForwardTestData.Tolerance, $"{label}: {property.Name} error {error:E3} > 1e-9");
                compared++;
            }
        }

        output.WriteLine($"{compared} arrays compared, worst relative error {worst:E2}");
        Assert.True(compared >= entries.Length * 2);
    }
}
