using System.Diagnostics;
using HybridLfp.Streaming.Blocks.Distributed;
using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Blocks.Sinks;
using HybridLfp.Streaming.Tests.Pipeline.Graph;

namespace HybridLfp.Streaming.Tests.Distributed;

/// <summary>
/// The distributed graph on N simulated ranks (dry run) against the single-process graph and against the directly
/// computed sums of the fake kernel (<see cref="GraphTestSetup"/>: 16 cells in 5 batches, 2 probes, 20 windows).
/// </summary>
public sealed class DryRunGraphTests
{
    private sealed record RankRun(GraphRunStatistics Stats, InMemorySink Sink, int PoolOutstanding);

    private static async Task<RankRun> RunRankAsync(GraphTestSetup setup, IDistributedContext context, BatchDecomposition decomposition,
        Func<int, BoxCurrentKernel, BoxCurrentKernel>? configure, int threads)
    {
        var sink = new InMemorySink(GraphTestSetup.Probes, GraphTestSetup.Populations.Length);
        var all = setup.Batches(configure);
        var local = all.GetRange(decomposition.FirstBatch(context.Rank), decomposition.BatchCountOf(context.Rank));
        var graph = new DistributedStreamingGraph(context, decomposition, all.Select(b => b.PopulationIndex).ToArray(), setup.Schedule,
            setup.Routing(), local, GraphTestSetup.Populations, GraphTestSetup.Probes, [sink],
            new StreamingGraphOptions { MaxDegreeOfParallelism = threads, BoundedCapacity = 2 });
        var stats = await graph.RunAsync([setup.Source(0, 7), setup.Source(1, 7)]);
        return new RankRun(stats, sink, graph.Pool.Outstanding);
    }

    private static Task<RankRun>[] RunDry(int ranks, BatchDecomposition? decomposition = null,
        Func<int, BoxCurrentKernel, BoxCurrentKernel>? configure = null, int threads = 1)
    {
        var setup = new GraphTestSetup();
        decomposition ??= BatchDecomposition.Create(setup.Batches().Select(b => (double)b.CellCount).ToArray(), ranks);
        return DryRunWorld.Run(ranks, context => RunRankAsync(setup, context, decomposition, configure, threads), TimeSpan.FromSeconds(30));
    }

    private static long[] Bits(double[][] signal) => signal.SelectMany(c => c).Select(BitConverter.DoubleToInt64Bits).ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)] // more ranks than the 5 batches: two ranks own no cells
    public async Task Dry_run_outputs_are_bit_identical_to_the_single_process_graph(int ranks)
    {
        var setup = new GraphTestSetup();
        var single = new InMemorySink(GraphTestSetup.Probes, GraphTestSetup.Populations.Length);
        var singleStats = await setup.Graph([single], threads: 2).RunAsync([setup.Source(0, 7), setup.Source(1, 7)]);

        var runs = await Task.WhenAll(RunDry(ranks, threads: 2));
        var writer = runs[0];
        for (var p = 0; p < GraphTestSetup.Probes.Length; p++)
        {
            for (var y = 0; y < GraphTestSetup.Populations.Length; y++)
            {
                Assert.Equal(Bits(single.Population(p, y)), Bits(writer.Sink.Population(p, y)));
            }

            Assert.Equal(Bits(single.Total(p)), Bits(writer.Sink.Total(p)));
        }

        // Only the writer rank writes; every rank's sinks stay untouched elsewhere.
        Assert.True(writer.Sink.Succeeded);
        Assert.Equal(20, writer.Sink.WindowsReceived);
        Assert.All(runs.Skip(1), r => Assert.Equal(0, r.Sink.WindowsReceived));
        Assert.All(runs, r => Assert.Equal(0, r.PoolOutstanding));

        // Totals on the writer equal the single process; per-rank timings add up.
        Assert.Equal(singleStats.Events, writer.Stats.Events);
        Assert.Equal(singleStats.CellSteps, writer.Stats.CellSteps);
        Assert.Equal(16, writer.Stats.Cells);
        Assert.Equal(ranks, writer.Stats.RankTimings.Count);
        Assert.Equal(Enumerable.Range(0, ranks), writer.Stats.RankTimings.Select(t => t.Rank));
        Assert.Equal(5, writer.Stats.RankTimings.Sum(t => t.Batches));
        Assert.Equal(16L * 200, writer.Stats.RankTimings.Sum(t => t.CellSteps));
        // Rounds are collective (the same count on every rank) and carry 8–16 windows each, the last one the rest:
        // the 20 windows take 2 or 3 rounds, not one per window.
        Assert.All(writer.Stats.RankTimings, t => Assert.Equal(writer.Stats.RankTimings[0].ExchangeRounds, t.ExchangeRounds));
        Assert.InRange(writer.Stats.RankTimings[0].ExchangeRounds, 2, 3);
        for (var r = 1; r < ranks; r++)
        {
            Assert.Equal(writer.Stats.RankTimings[r].Cells, runs[r].Stats.Cells); // other ranks report their own share
        }
        if (ranks == 7)
        {
            Assert.Contains(writer.Stats.RankTimings, t => t.Batches == 0 && t.Cells == 0 && t.CellSteps == 0);
        }
    }

    [Fact]
    public async Task Three_ranks_with_shuffled_batch_timing_match_the_directly_computed_sums()
    {
        var setup = new GraphTestSetup();
        var expected = setup.Expected(out var expectedEvents);
        // Batches sleep pseudo-randomly per window, so ranks reach each exchange in a different order.
        var runs = await Task.WhenAll(RunDry(3, configure: (batch, k) => k.With(sleepMsForWindow: w => ((batch * 5) + (w * 3)) % 4)));
        var sink = runs[0].Sink;
        double maxAbs = 0, maxErr = 0;
        for (var p = 0; p < GraphTestSetup.Probes.Length; p++)
        {
            for (var y = 0; y <= GraphTestSetup.Populations.Length; y++)
            {
                var actual = y < GraphTestSetup.Populations.Length ? sink.Population(p, y) : sink.Total(p);
                for (var ch = 0; ch < actual.Length; ch++)
                {
                    Assert.Equal(101, actual[ch].Length);
                    for (var m = 0; m < actual[ch].Length; m++)
                    {
                        maxAbs = Math.Max(maxAbs, Math.Abs(expected[p][y][ch][m]));
                        maxErr = Math.Max(maxErr, Math.Abs(expected[p][y][ch][m] - actual[ch][m]));
                    }
                }
            }
        }

        Assert.True(maxAbs > 1, "the test run must produce a signal");
        Assert.True(maxErr <= 1e-13 * maxAbs, $"max error {maxErr} vs max |value| {maxAbs}");
        Assert.Equal(expectedEvents, runs[0].Stats.Events);
        var single = new InMemorySink(GraphTestSetup.Probes, GraphTestSetup.Populations.Length);
        await setup.Graph([single], threads: 1).RunAsync([setup.Source(0, 7), setup.Source(1, 7)]);
        Assert.Equal(Bits(single.Total(0)), Bits(sink.Total(0)));
        Assert.Equal(Bits(single.Population(1, 1)), Bits(sink.Population(1, 1)));

        // The data are order-sensitive (the direct sum, another addition order, differs in last bits), so the
        // bit-identity of the theory above would catch a rank-dependent summation order.
        Assert.NotEqual(Bits(expected[0][GraphTestSetup.Populations.Length]), Bits(sink.Total(0)));
    }

    [Fact]
    public async Task A_fault_on_one_rank_ends_every_rank_with_that_ranks_message()
    {
        var setup = new GraphTestSetup();
        var decomposition = BatchDecomposition.Uniform(GraphTestSetup.BatchCount, 3); // batches 0–1 | 2 | 3–4
        Assert.Equal(1, decomposition.RankOf(2));
        var watch = Stopwatch.StartNew();
        var tasks = RunDry(3, decomposition, (batch, k) => batch == 2 ? k.With(throwInWindow: 5) : k);
        for (var r = 0; r < 3; r++)
        {
            var e = await Assert.ThrowsAsync<DistributedFaultException>(() => tasks[r]);
            Assert.Equal(1, e.FailingRank);
            Assert.Contains("membrane exploded", e.FailureMessage);
            Assert.Contains("population A, cells 8–9, window 5", e.FailureMessage); // batch 2 = last batch of A
            if (r == 1)
            {
                Assert.IsType<CellBatchFaultException>(e.InnerException);
            }
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_failing_spike_source_on_one_rank_ends_every_rank()
    {
        var setup = new GraphTestSetup();
        var decomposition = BatchDecomposition.Uniform(GraphTestSetup.BatchCount, 2);
        var tasks = DryRunWorld.Run(2, async context =>
        {
            var all = setup.Batches();
            var local = all.GetRange(decomposition.FirstBatch(context.Rank), decomposition.BatchCountOf(context.Rank));
            var graph = new DistributedStreamingGraph(context, decomposition, all.Select(b => b.PopulationIndex).ToArray(), setup.Schedule,
                setup.Routing(), local, GraphTestSetup.Populations, GraphTestSetup.Probes, []);
            return await graph.RunAsync([context.Rank == 0 ? setup.Source(0, 7) : FailingAfterAFewChunks(setup), setup.Source(1, 7)]);
        }, TimeSpan.FromSeconds(30));

        foreach (var task in tasks)
        {
            var e = await Assert.ThrowsAsync<DistributedFaultException>(() => task);
            Assert.Equal(1, e.FailingRank);
            Assert.Contains("disk read error", e.FailureMessage);
        }

        static async IAsyncEnumerable<SpikeChunk> FailingAfterAFewChunks(GraphTestSetup setup)
        {
            var n = 0;
            await foreach (var chunk in setup.Source(0, 7))
            {
                if (++n > 10)
                {
                    throw new IOException("disk read error");
                }

                yield return chunk;
            }
        }
    }
}
