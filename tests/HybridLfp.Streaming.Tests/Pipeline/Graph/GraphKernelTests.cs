using System.Threading.Tasks.Dataflow;
using HybridLfp.Streaming.Blocks.Graph;

namespace HybridLfp.Streaming.Tests.Pipeline.Graph;

/// <summary>The synchronous cores of the graph, without threads.</summary>
public sealed class GraphKernelTests
{
    [Fact]
    public void Schedule_windows_cover_every_step_and_sample_once()
    {
        // dt 0.1, dt_output 0.5 (q = 5), d_min 1.5 → S = 15 steps; tstop 10 ms → N = 100: 7 windows (6 × 15 + 10).
        var s = WindowSchedule.Create(0.1, 0.5, 10, 1.5);
        Assert.Equal(5, s.DecimationFactor);
        Assert.Equal(15, s.StepsPerWindow);
        Assert.Equal(100, s.TotalSteps);
        Assert.Equal(7, s.WindowCount);
        Assert.Equal(21, s.SampleCount);
        var windows = Enumerable.Range(0, s.WindowCount).Select(s.Window).ToArray();
        Assert.Equal(new WindowInfo(0, 1, 15, 0, 4, 0, 1.5), windows[0]); // samples 0, 1, 2, 3 (steps 0, 5, 10, 15)
        Assert.Equal(new WindowInfo(6, 91, 100, 19, 2, 9.0, 10.0), windows[6] with { StartTimeMs = 9.0, EndTimeMs = 10.0 });
        Assert.Equal(9.0, windows[6].StartTimeMs, 12);
        Assert.Equal(Enumerable.Range(0, 21).Select(i => (long)i), windows.SelectMany(w => Enumerable.Range(0, w.SampleCount).Select(i => w.FirstSample + i)));
        Assert.Equal(100, windows.Sum(w => w.StepCount));
        // A window longer than d_min is never chosen, even if dt_output is coarse: at least one output sample.
        Assert.Equal(10, WindowSchedule.Create(0.1, 1.0, 10, 0.5).StepsPerWindow);
        Assert.Throws<ArgumentException>(() => WindowSchedule.Create(0.1, 0.3, 10, 1.5)); // 100 steps not a multiple of 3
    }

    [Theory]
    // NEURON fixed step: on the grid → visible at that step; inside (t_{a−1}, t_a) → step a.
    [InlineData(1.5, 15)]
    [InlineData(1.55, 16)]
    [InlineData(1.500001, 16)]
    [InlineData(0.0, 0)]
    public void Events_take_effect_at_the_step_NEURON_shows_them(double t, long step)
    {
        var s = WindowSchedule.Create(0.1, 0.1, 300, 1.5);
        Assert.Equal(step, s.StepOfEvent(t));
    }

    [Fact]
    public void Float_noise_of_spike_plus_delay_stays_on_its_grid_step()
    {
        var s = WindowSchedule.Create(0.1, 0.1, 300, 1.5);
        // 48.1 + 1.5 = 49.6 in the reference case; in binary it is 49.600000000000001 or 49.599999999999994.
        Assert.Equal(496, s.StepOfEvent(48.1 + 1.5));
        Assert.Equal(3000, s.StepOfEvent(298.5 + 1.5)); // arrives exactly at tstop: last step, still delivered
        Assert.Equal(199, s.WindowOfEvent(298.5 + 1.5));
        Assert.Equal(-1, s.WindowOfEvent(300.05));
    }

    [Fact]
    public void Windows_are_released_only_when_no_spike_can_still_reach_them()
    {
        var s = WindowSchedule.Create(0.1, 0.1, 300, 1.5); // S = 15 steps = 1.5 ms
        Assert.False(s.IsReleasable(0, -1));
        Assert.False(s.IsReleasable(0, 0.0)); // a spike at exactly 0.0 + 1.5 would still land in window 0 (step 15)
        Assert.True(s.IsReleasable(0, 0.01));
        Assert.False(s.IsReleasable(1, 1.5));
        Assert.True(s.IsReleasable(1, 1.51));
        Assert.True(s.IsReleasable(199, double.PositiveInfinity));
    }

    [Fact]
    public void Time_merge_releases_below_the_lowest_watermark_in_time_order()
    {
        var merge = new TimeMergeKernel(3);
        merge.Push(0, new SpikeChunk(new long[] { 1, 2 }, new[] { 1.0, 4.0 }, 5.0));
        merge.Push(1, new SpikeChunk(new long[] { 10 }, new[] { 1.0 }, 2.0));
        Assert.Null(merge.Release()); // source 2 has said nothing yet
        merge.Push(2, SpikeChunk.Watermark(3.0));
        var first = merge.Release()!;
        Assert.Equal([1L, 10], first.Gids.ToArray()); // tie at 1.0 ms: lower source first
        Assert.Equal(2.0, first.WatermarkMs);
        merge.Complete(1);
        var second = merge.Release()!;
        Assert.Empty(second.Gids.ToArray()); // 4.0 is not below min(5, ∞, 3)
        Assert.Equal(3.0, second.WatermarkMs);
        merge.Complete(2);
        merge.Complete(0);
        var last = merge.Release()!;
        Assert.Equal([2L], last.Gids.ToArray());
        Assert.True(double.IsPositiveInfinity(last.WatermarkMs));
        Assert.Null(merge.Release());
        Assert.Throws<InvalidOperationException>(() => merge.Push(0, new SpikeChunk(new long[] { 3 }, new[] { 4.5 }, 6.0)));
    }

    [Fact]
    public void Router_fans_out_sorts_and_releases_windows_in_order()
    {
        var s = WindowSchedule.Create(0.1, 0.1, 6, 1.5); // 4 windows of 15 steps
        var routing = RoutingTable.Create(
        [
            (7L, new RouteTarget(1, 2, 0, 1.5)),
            (7L, new RouteTarget(0, 0, 1, 2.0)),
            (8L, new RouteTarget(1, 0, 3, 1.5)),
        ], batchCount: 2);
        Assert.Equal(2, routing.TargetsOf(7).Length);
        Assert.Empty(routing.TargetsOf(99).ToArray());
        var router = new EventRouterKernel(s, routing);
        var released = new List<RoutedWindow>();
        router.Push(SpikeChunk.Watermark(0.0), released);
        Assert.Empty(released); // a spike at exactly 0.0 ms could still arrive at 1.5 ms, the end of window 0
        // watermark 0.25: later spikes arrive after 1.75 ms, so window 0 (to 1.5 ms) is complete; window 1 (to 3.0) is not
        router.Push(new SpikeChunk(new long[] { 8, 7 }, new[] { 0.25, 0.25 }, 0.25), released);
        var w0 = Assert.Single(released);
        Assert.Equal(0, w0.Window.Index);
        Assert.Empty(w0.EventsByBatch[0]);
        Assert.Empty(w0.EventsByBatch[1]);
        released.Clear();
        router.Push(new SpikeChunk(new long[] { 7 }, new[] { 4.6 }, 4.6), released); // arrives 6.1 and 6.6: after tstop
        Assert.Equal([1, 2, 3], released.Select(w => w.Window.Index)); // later spikes arrive after 4.6 + 1.5 = 6.1 ms > tstop
        var w1 = released[0];
        // 0.25 + 1.5 = 1.75 (steps 18: window 1) for targets of 8 and 7 in batch 1, 0.25 + 2.0 = 2.25 in batch 0
        Assert.Equal([new BatchEvent(0, 3, 1.75), new BatchEvent(2, 0, 1.75)], w1.EventsByBatch[1]);
        Assert.Equal([new BatchEvent(0, 1, 2.25)], w1.EventsByBatch[0]);
        Assert.Equal(0, released[2].EventCount);
        Assert.True(router.IsFinished);
        Assert.False(router.CanReleaseNext(double.PositiveInfinity));
        Assert.Equal(5, router.RoutedEvents);
        Assert.Equal(2, router.DroppedEvents);
        Assert.Throws<InvalidOperationException>(() => router.Push(new SpikeChunk(new long[] { 7 }, new[] { 0.5 }, 0.5), released));
    }

    [Fact]
    public async Task Fan_in_completes_the_target_only_when_all_sources_are_done()
    {
        var a = new BufferBlock<int>();
        var b = new BufferBlock<int>();
        var target = new BufferBlock<int>();
        _ = DataflowCompletion.CompleteWhenAllDone([a, b], target);
        a.Complete();
        await Task.Delay(50);
        Assert.False(target.Completion.IsCompleted);
        b.Complete();
        await target.Completion.WaitAsync(TimeSpan.FromSeconds(5));

        var c = new BufferBlock<int>();
        var d = new BufferBlock<int>();
        var faulted = new BufferBlock<int>();
        _ = DataflowCompletion.CompleteWhenAllDone([c, d], faulted);
        ((IDataflowBlock)c).Fault(new IOException("source c broke"));
        d.Complete();
        var e = await Assert.ThrowsAsync<IOException>(() => faulted.Completion.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal("source c broke", e.Message);
    }
}
