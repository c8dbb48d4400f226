using HybridLfp.Streaming.Blocks.Distributed;
using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Blocks.Sinks;
using HybridLfp.Streaming.Pipeline.Building;
using HybridLfp.Streaming.Pipeline.Recipe;
using HybridLfp.Streaming.Pipeline.Run;
using HybridLfp.Streaming.Pipeline.Run.Engine;
using HybridLfp.Streaming.Tests.Pipeline;
using HybridLfp.Streaming.Tests.Run;
using Xunit.Abstractions;

namespace HybridLfp.Streaming.Tests.Distributed;

/// <summary>
/// <see cref="HybridRun"/> with the real engine on the injected hybridLFPy reference case (80 EX + 20 IN cells,
/// first 100 ms) across 1–4 dry-run ranks: rank 0's signals are the single-process signals bit for bit, and a fault on
/// one rank reaches every rank.
/// </summary>
public sealed class DistributedRunTests(HybridCaseFixture fixture, ITestOutputHelper output) : IClassFixture<HybridCaseFixture>
{
    private static IReadOnlyList<ProbeLayout> Layouts(RecipeDescription recipe) =>
        new EngineCellBatchKernelFactory(new DiscretizedMorphologyProvider()).ProbeLayouts(recipe);

    private static Task<(InMemorySink Sink, RunSummary Summary)>[] RunDry(RecipeDescription recipe, int ranks,
        Func<IDistributedContext, HybridRun>? create = null) =>
        DryRunWorld.Run(ranks, async context =>
        {
            // Sinks on rank 0 only, as hlfp run does.
            var sink = new InMemorySink(Layouts(recipe), recipe.Populations.Length);
            var run = create?.Invoke(context) ?? EngineHybridRun.Create(context: context);
            var summary = await run.RunAsync(recipe, context.Rank == 0 ? [sink] : [], new StreamingGraphOptions { MaxDegreeOfParallelism = 1 });
            return (sink, summary);
        }, TimeSpan.FromSeconds(60));

    [Fact]
    public async Task One_to_four_dry_run_ranks_give_the_single_process_signals_bit_for_bit()
    {
        var recipe = fixture.Recipe with { TstopMs = 100 }; // the first 100 ms of the case keep the test short
        var localSink = new InMemorySink(Layouts(recipe), recipe.Populations.Length);
        var local = await EngineHybridRun.Create().RunAsync(recipe, [localSink], new StreamingGraphOptions { MaxDegreeOfParallelism = 2 });
        var expected = InjectedReferenceRunTests.Bits(localSink, recipe);
        Assert.True(expected.Length > 10000);
        Assert.Empty(local.Ranks);

        foreach (var ranks in new[] { 1, 2, 3, 4 })
        {
            var results = await Task.WhenAll(RunDry(recipe, ranks));
            var (sink, summary) = results[0];
            output.WriteLine($"{ranks} rank(s): {summary}");
            Assert.Equal(expected, InjectedReferenceRunTests.Bits(sink, recipe));
            Assert.True(sink.Completed);
            Assert.Equal(local.Cells, summary.Cells);
            Assert.Equal(local.Events, summary.Events);
            Assert.Equal(local.CellSteps, summary.CellSteps);
            Assert.Equal(local.Compartments, summary.Compartments);
            Assert.Equal(ranks, summary.Ranks.Count);
            Assert.Equal(Enumerable.Range(0, ranks), summary.Ranks.Select(r => r.Rank));
            Assert.Equal(100, summary.Ranks.Sum(r => r.Cells));
            // Other ranks' sinks are never touched.
            Assert.All(results.Skip(1), r => Assert.Equal(0, r.Sink.WindowsReceived));
        }
    }

    [Fact]
    public async Task A_build_fault_on_one_rank_reaches_every_rank_with_that_ranks_message()
    {
        var recipe = fixture.Recipe;
        var tasks = RunDry(recipe, 2, context =>
        {
            var morphologies = new DiscretizedMorphologyProvider();
            return new HybridRun(new FailingKernelFactory(new EngineCellBatchKernelFactory(morphologies), "IN"), morphologies,
                new RecipeSpikeSourceFactory(), context);
        });
        foreach (var task in tasks)
        {
            var e = await Assert.ThrowsAsync<DistributedFaultException>(() => task);
            output.WriteLine(e.Message);
            Assert.Equal(1, e.FailingRank); // the IN batch is the last one: rank 1's
            Assert.Contains("test fault in population IN", e.FailureMessage);
        }

        Assert.IsType<InvalidOperationException>((await Assert.ThrowsAsync<DistributedFaultException>(() => tasks[1])).InnerException);
        Assert.Null((await Assert.ThrowsAsync<DistributedFaultException>(() => tasks[0])).InnerException);
    }

    [Fact]
    public async Task More_ranks_than_batches_leaves_ranks_without_cells_and_the_same_signals()
    {
        // 100 cells in batches of 64: 2 batches over 3 ranks, so one rank has none.
        var recipe = fixture.Recipe with { BatchSize = 64, TstopMs = 50 };
        var localSink = new InMemorySink(Layouts(recipe), recipe.Populations.Length);
        await EngineHybridRun.Create().RunAsync(recipe, [localSink], new StreamingGraphOptions { MaxDegreeOfParallelism = 1 });
        var (sink, summary) = (await Task.WhenAll(RunDry(recipe, 3)))[0];
        output.WriteLine(summary.ToString());
        Assert.Contains(summary.Ranks, r => r.Cells == 0 && r.Batches == 0);
        Assert.Equal(InjectedReferenceRunTests.Bits(localSink, recipe), InjectedReferenceRunTests.Bits(sink, recipe));
    }

    /// <summary>The engine's kernels, except that creating a batch of one population throws (a fault while building).</summary>
    private sealed class FailingKernelFactory(ICellBatchKernelFactory inner, string population) : ICellBatchKernelFactory
    {
        public IReadOnlyList<ProbeLayout> ProbeLayouts(RecipeDescription recipe) => inner.ProbeLayouts(recipe);

        public ICellBatchKernel Create(RecipeDescription recipe, PopulationDescription y, IReadOnlyList<CellConnectivity> cells, WindowSchedule schedule) =>
            y.Name == population ? throw new InvalidOperationException($"test fault in population {y.Name}") : inner.Create(recipe, y, cells, schedule);
    }
}
