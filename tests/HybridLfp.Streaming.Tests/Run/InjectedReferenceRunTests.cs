using System.Globalization;
using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Blocks.Sinks;
using HybridLfp.Streaming.Pipeline.Recipe;
using HybridLfp.Streaming.Pipeline.Run.Engine;
using HybridLfp.Streaming.Tests.Pipeline;
using HybridLfp.Streaming.Tests.Support;
using Xunit.Abstractions;

namespace HybridLfp.Streaming.Tests.Run;

/// <summary>The injected hybridLFPy reference case through the whole graph with the real engine and forward models.</summary>
public sealed class InjectedReferenceRunTests(HybridCaseFixture fixture, ITestOutputHelper output) : IClassFixture<HybridCaseFixture>
{
    private static readonly string[] Measures = [HybridCaseRecipeReader.ElectrodeProbe, HybridCaseRecipeReader.CsdProbe];

    internal static async Task<InMemorySink> RunAsync(RecipeDescription recipe, int threads)
    {
        var run = EngineHybridRun.Create();
        var layouts = new EngineCellBatchKernelFactory(new DiscretizedMorphologyProvider()).ProbeLayouts(recipe);
        var sink = new InMemorySink(layouts, recipe.Populations.Length);
        await run.RunAsync(recipe, [sink], new StreamingGraphOptions { MaxDegreeOfParallelism = threads });
        return sink;
    }

    [Fact]
    public async Task Population_sums_and_total_match_hybridLFPy_raw_sums()
    {
        var recipe = fixture.Recipe;
        var sink = await RunAsync(recipe, 2);
        var sums = fixture.Case.Outputs.GetProperty("population_sums");
        var worst = 0.0;
        for (var p = 0; p < Measures.Length; p++)
        {
            Assert.Equal(Measures[p], recipe.Probes[p].Name);
            double[][]? total = null;
            for (var y = 0; y < recipe.Populations.Length; y++)
            {
                var name = recipe.Populations[y].Name;
                var expected = ReferenceCase.Matrix(sums.GetProperty(name).GetProperty(Measures[p]).GetProperty("raw_sum"));
                var actual = sink.Population(p, y);
                Assert.Equal(expected.Length, actual.Length);
                Assert.Equal(expected[0].Length, actual[0].Length);
                var error = ReferenceCase.ErrorRelativeToMax(expected, actual);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {Measures[p]}: max |error| / max |value| = {error:E2} (max |value| {expected.Max(r => r.Max(Math.Abs)):E3})"));
                worst = Math.Max(worst, error);
                Assert.True(error <= 1e-9, $"{name} {Measures[p]}: relative error {error:E2}");
                total = total is null ? expected.Select(r => (double[])r.Clone()).ToArray() : total.Select((r, c) => r.Select((v, s) => v + expected[c][s]).ToArray()).ToArray();
            }

            var totalError = ReferenceCase.ErrorRelativeToMax(total!, sink.Total(p));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total {Measures[p]}: max |error| / max |value| = {totalError:E2}"));
            worst = Math.Max(worst, totalError);
            Assert.True(totalError <= 1e-9, $"total {Measures[p]}: relative error {totalError:E2}");
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"worst relative error {worst:E2}"));
    }

    [Fact]
    public async Task One_and_two_threads_give_bit_identical_signals()
    {
        var one = Bits(await RunAsync(fixture.Recipe, 1), fixture.Recipe);
        var two = Bits(await RunAsync(fixture.Recipe, 2), fixture.Recipe);
        Assert.Equal(one.Length, two.Length);
        Assert.True(one.Length > 10000);
        Assert.Equal(one, two);
    }

    [Fact]
    public async Task Batch_size_changes_only_the_rounding_of_the_sums()
    {
        var small = await RunAsync(fixture.Recipe with { BatchSize = 3 }, 2);
        var large = await RunAsync(fixture.Recipe with { BatchSize = 64 }, 2);
        for (var p = 0; p < fixture.Recipe.Probes.Length; p++)
        {
            var error = ReferenceCase.ErrorRelativeToMax(large.Total(p), small.Total(p));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"probe {p}: batch 3 vs 64, max |difference| / max |value| = {error:E2}"));
            Assert.True(error <= 1e-13, $"probe {p}: {error:E2}");
        }
    }

    internal static long[] Bits(InMemorySink sink, RecipeDescription recipe) =>
        [.. Enumerable.Range(0, recipe.Probes.Length).SelectMany(p =>
                Enumerable.Range(0, recipe.Populations.Length).SelectMany(y => sink.Population(p, y)).Concat(sink.Total(p)))
            .SelectMany(r => r).Select(BitConverter.DoubleToInt64Bits)];
}
