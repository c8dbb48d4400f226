using HybridLfp.Streaming.Blocks.Distributed;
using HybridLfp.Streaming.Pipeline.Run;

namespace HybridLfp.Streaming.Tests.Distributed;

public sealed class RankSummaryTests
{
    [Fact]
    public void Summary_lists_per_rank_timings_and_the_load_balance()
    {
        var summary = new RunSummary(Cells: 250, Compartments: 7450, Events: 1234, Windows: 667, SimulatedMs: 1000, CellSteps: 2_500_000,
            WallTime: TimeSpan.FromSeconds(0.5), PeakWorkingSetBytes: 100L << 20)
        {
            Ranks = [new RankTiming(0, 4, 120, 1_200_000, 0.20, 0.05, 0.49, 84), new RankTiming(1, 5, 130, 1_300_000, 0.40, 0.02, 0.50)],
        };

        Assert.Equal(0.30 / 0.40, summary.LoadBalance, 12); // mean compute / slowest compute
        var text = summary.ToString();
        Assert.Contains("2 MPI ranks, load balance 75.0 %", text);
        Assert.Contains("rank 0: 4 batches, 120 cells, 1200000 cell-steps, compute 0.200 s, exchange 0.050 s in 84 rounds, wall 0.490 s", text);
        Assert.Contains("rank 1: 5 batches, 130 cells", text);

        var single = summary with { Ranks = [] };
        Assert.Equal(1, single.LoadBalance);
        Assert.DoesNotContain("rank", single.ToString());
    }
}
