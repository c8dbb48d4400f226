using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Pipeline.Run;

namespace HybridLfp.Streaming.Tests.Pipeline;

public sealed class RunReportingTests
{
    [Fact]
    public void Summary_rates_follow_from_the_counts()
    {
        var summary = new RunSummary(Cells: 250, Compartments: (200 * 32) + (50 * 21), Events: 1234, Windows: 667,
            SimulatedMs: 1000, CellSteps: 250L * 10_000, WallTime: TimeSpan.FromSeconds(0.5), PeakWorkingSetBytes: 100L << 20);
        Assert.Equal(5e6, summary.CellStepsPerSecond, 6);
        // 7450 compartments / 250 cells = 29.8 per cell → 29.8 × 2.5e6 cell-steps / 0.5 s
        Assert.Equal(29.8 * 2.5e6 / 0.5, summary.CompartmentStepsPerSecond, 3);
        Assert.Equal(2000, summary.SimulatedMsPerSecond, 9);
        Assert.Contains("250 cells (7450 compartments)", summary.ToString());
        Assert.Contains("peak memory 100.0 MiB", summary.ToString());
        Assert.True(RunSummary.CurrentPeakWorkingSet() > 0);
    }

    [Fact]
    public void Progress_lines_are_rate_limited_and_show_speed_and_eta()
    {
        var writer = new StringWriter();
        var now = TimeSpan.Zero;
        var reporter = new RunProgressReporter(writer, TimeSpan.FromSeconds(1), () => now);
        now = TimeSpan.FromSeconds(2);
        reporter.Report(new GraphProgress(10, 40, 250, 1000, 99));
        now = TimeSpan.FromSeconds(2.5);
        reporter.Report(new GraphProgress(11, 40, 275, 1000, 100)); // within 1 s: skipped
        now = TimeSpan.FromSeconds(8);
        reporter.Report(new GraphProgress(40, 40, 1000, 1000, 400)); // last: always printed
        var lines = writer.ToString().Split('\r', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        // 250 ms in 2 s = 125 ms/s; 750 ms left → 6 s
        Assert.Equal("windows 10/40 (25 %), 250.0/1000.0 ms, 125.0 ms/s, 99 events, ETA 00:00:06", lines[0]);
        Assert.StartsWith("windows 40/40 (100 %), 1000.0/1000.0 ms, 125.0 ms/s, 400 events, ETA 00:00:00", lines[1]);
    }
}
