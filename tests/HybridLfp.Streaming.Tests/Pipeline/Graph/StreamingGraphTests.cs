using System.Runtime.CompilerServices;
using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Blocks.Sinks;

namespace HybridLfp.Streaming.Tests.Pipeline.Graph;

/// <summary>Block contracts of the whole graph with a fake kernel whose exact output is computed independently.</summary>
public sealed class StreamingGraphTests
{
    private static async Task<(InMemorySink Sink, GraphRunStatistics Stats, StreamingGraph Graph)> RunAsync(
        GraphTestSetup setup, int threads, Func<int, BoxCurrentKernel, BoxCurrentKernel>? configure = null, int chunkSize = 7)
    {
        var sink = new InMemorySink(GraphTestSetup.Probes, GraphTestSetup.Populations.Length);
        var graph = setup.Graph([sink], threads, configure);
        var stats = await graph.RunAsync([setup.Source(0, chunkSize), setup.Source(1, chunkSize)]);
        return (sink, stats, graph);
    }

    [Fact]
    public async Task Outputs_equal_the_directly_computed_sums()
    {
        var setup = new GraphTestSetup();
        var (sink, stats, graph) = await RunAsync(setup, threads: 2);
        var expected = setup.Expected(out var expectedEvents);

        double maxAbs = 0, maxErr = 0;
        for (var p = 0; p < GraphTestSetup.Probes.Length; p++)
        {
            for (var y = 0; y <= GraphTestSetup.Populations.Length; y++)
            {
                var actual = y < GraphTestSetup.Populations.Length ? sink.Population(p, y) : sink.Total(p);
                Assert.Equal(expected[p][y].Length, actual.Length);
                for (var ch = 0; ch < actual.Length; ch++)
                {
                    Assert.Equal(101, actual[ch].Length); // 20 ms at 0.2 ms + sample 0
                    for (var m = 0; m < actual[ch].Length; m++)
                    {
                        maxAbs = Math.Max(maxAbs, Math.Abs(expected[p][y][ch][m]));
                        maxErr = Math.Max(maxErr, Math.Abs(expected[p][y][ch][m] - actual[ch][m]));
                    }
                }
            }
        }

        Assert.True(maxAbs > 1, "the test run must produce a signal");
        // Only the order of floating-point additions differs from the direct sum.
        Assert.True(maxErr <= 1e-13 * maxAbs, $"max error {maxErr} vs max |value| {maxAbs}");
        Assert.Equal(expectedEvents, stats.Events);
        Assert.True(expectedEvents > 500);
        Assert.Equal(setup.Schedule.WindowCount, stats.Windows);
        Assert.Equal(20, stats.Windows); // d_min = 1 ms → 10 steps per window
        Assert.Equal(16L * 200, stats.CellSteps);
        Assert.Equal(16, stats.Cells);
        Assert.True(sink.Completed);
        Assert.True(sink.Succeeded);
        Assert.Equal(0, graph.Pool.Outstanding); // every pooled buffer came back
    }

    [Fact]
    public async Task Results_are_bit_identical_for_1_and_4_threads_and_shuffled_batch_completion()
    {
        var setup = new GraphTestSetup();
        var (one, _, _) = await RunAsync(setup, threads: 1);
        // Batches sleep pseudo-randomly per window, so they finish in a different order in every window.
        var (four, _, _) = await RunAsync(setup, threads: 4,
            (batch, k) => k.With(sleepMsForWindow: w => ((batch * 7) + (w * 3)) % 5), chunkSize: 3);
        for (var p = 0; p < GraphTestSetup.Probes.Length; p++)
        {
            for (var y = 0; y < GraphTestSetup.Populations.Length; y++)
            {
                Assert.Equal(Bits(one.Population(p, y)), Bits(four.Population(p, y)));
            }

            Assert.Equal(Bits(one.Total(p)), Bits(four.Total(p)));
        }

        // The data are order-sensitive: the direct sum (another addition order) differs in some last bits, so
        // an order that depended on thread timing would show up above.
        var direct = setup.Expected(out _)[0][GraphTestSetup.Populations.Length];
        Assert.NotEqual(Bits(direct), Bits(one.Total(0)));
    }

    private static long[] Bits(double[][] signal) => signal.SelectMany(c => c).Select(BitConverter.DoubleToInt64Bits).ToArray();

    [Fact]
    public async Task A_kernel_fault_names_population_cells_and_window_and_leaves_earlier_windows_written()
    {
        var setup = new GraphTestSetup();
        var sink = new InMemorySink(GraphTestSetup.Probes, GraphTestSetup.Populations.Length);
        // Batch 3 is population B, cells 0–3 (batches: A 0–3, 4–7, 8–9; B 0–3, 4–5).
        var graph = setup.Graph([sink], threads: 2, (batch, k) => batch == 3 ? k.With(throwInWindow: 5) : k);
        var e = await Assert.ThrowsAsync<CellBatchFaultException>(() => graph.RunAsync([setup.Source(0, 5), setup.Source(1, 5)]));
        Assert.Equal("B", e.Population);
        Assert.Equal(0, e.FirstCell);
        Assert.Equal(3, e.LastCell);
        Assert.Equal(5, e.WindowIndex);
        Assert.Equal(5.0, e.WindowStartMs, 12);
        Assert.Contains("population B, cells 0–3, window 5", e.Message);
        Assert.Contains("membrane exploded", e.Message);
        Assert.Equal("B", e.Data["Population"]);
        Assert.True(sink.Completed);
        Assert.False(sink.Succeeded);
        Assert.True(sink.WindowsReceived <= 5);
        Assert.Equal(sink.WindowsReceived * 5, sink.Total(0)[0].Length - 1); // whole windows only, then stopped
    }

    [Fact]
    public async Task A_source_fault_names_the_source()
    {
        var setup = new GraphTestSetup();
        var sink = new InMemorySink(GraphTestSetup.Probes, 2);
        var graph = setup.Graph([sink], threads: 1);
        var e = await Assert.ThrowsAsync<SpikeSourceException>(() => graph.RunAsync([setup.Source(0, 5), Failing()]));
        Assert.Equal(1, e.SourceIndex);
        Assert.Contains("disk on fire", e.Message);
        Assert.False(sink.Succeeded);

        static async IAsyncEnumerable<SpikeChunk> Failing()
        {
            yield return new SpikeChunk(new long[] { 41 }, new[] { 0.05 }, 0.05);
            await Task.Yield();
            throw new IOException("disk on fire");
        }
    }

    [Fact]
    public async Task Out_of_order_spikes_fault_with_the_source_index()
    {
        var setup = new GraphTestSetup();
        var graph = setup.Graph([new InMemorySink(GraphTestSetup.Probes, 2)], threads: 1);
        var e = await Assert.ThrowsAsync<SpikeSourceException>(() => graph.RunAsync([Backwards()]));
        Assert.Equal(0, e.SourceIndex);
        Assert.Contains("time-ordered", e.Message);

        static async IAsyncEnumerable<SpikeChunk> Backwards()
        {
            yield return new SpikeChunk(new long[] { 1 }, new[] { 5.05 }, 5.05);
            await Task.Yield();
            yield return new SpikeChunk(new long[] { 2 }, new[] { 1.05 }, 1.05);
        }
    }

    [Fact]
    public async Task A_slow_sink_bounds_how_far_the_source_runs_ahead_and_cancellation_stops_cleanly()
    {
        var setup = new GraphTestSetup();
        var gate = new SemaphoreSlim(0);
        var received = 0;
        var blocking = new CallbackSink(async (frame, ct) =>
        {
            Interlocked.Increment(ref received);
            await gate.WaitAsync(ct);
        });
        var memory = new InMemorySink(GraphTestSetup.Probes, 2);
        var produced = 0;
        using var cts = new CancellationTokenSource();
        var graph = setup.Graph([blocking, memory], threads: 1, capacity: 1);
        var run = graph.RunAsync([Endless()], cts.Token);

        // Let the graph fill every bounded queue: wait until the source has stalled (no progress for 300 ms).
        var producedWhileBlocked = -1;
        for (var i = 0; i < 50; i++)
        {
            var before = Volatile.Read(ref produced);
            await Task.Delay(300);
            if (Volatile.Read(ref received) > 0 && Volatile.Read(ref produced) == before)
            {
                producedWhileBlocked = before;
                break;
            }
        }

        await Task.Delay(300);
        Assert.Equal(producedWhileBlocked, Volatile.Read(ref produced)); // the source is stalled, not buffering
        // Each chunk moves the watermark by one window (1 ms); with capacity 1 per block a few windows fit in the
        // queues between source and sink: far fewer than the 20 windows of the run (after which the router would
        // swallow chunks without limit).
        // (8 chunks measured on the 2-core machine.)
        Assert.InRange(producedWhileBlocked, 1, 16);
        Assert.Equal(1, Volatile.Read(ref received));

        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(memory.Completed);
        Assert.False(memory.Succeeded);

        async IAsyncEnumerable<SpikeChunk> Endless([EnumeratorCancellation] CancellationToken ct = default)
        {
            for (var k = 0; ; k++)
            {
                ct.ThrowIfCancellationRequested();
                Interlocked.Increment(ref produced);
                yield return new SpikeChunk(new long[] { 1 + (k % 40) }, new[] { (k * 1.0) + 0.05 }, (k * 1.0) + 0.05);
                await Task.Yield();
            }
        }
    }

    [Fact]
    public async Task Frames_stream_as_an_async_enumerable_and_to_csv()
    {
        var setup = new GraphTestSetup();
        var stream = new AsyncEnumerableSink(capacity: 2);
        var memory = new InMemorySink(GraphTestSetup.Probes, 2);
        var csvPath = Path.Combine(Path.GetTempPath(), $"hlfp-graph-{Guid.NewGuid():N}.csv");
        try
        {
            var csv = new CsvSink(csvPath, GraphTestSetup.Dt * GraphTestSetup.Q);
            var graph = setup.Graph([memory, stream, csv], threads: 2);
            var run = graph.RunAsync([setup.Source(0, 9), setup.Source(1, 9)]);
            var frames = new List<FrameSnapshot>();
            await foreach (var frame in stream.Frames())
            {
                frames.Add(frame);
            }

            await run;
            Assert.Equal(Enumerable.Range(0, 20), frames.Select(f => f.Window.Index));
            var fromFrames = frames.SelectMany(f => Enumerable.Range(0, f.Window.SampleCount).Select(s => f.Totals[1][(1 * f.Window.SampleCount) + s])).ToArray();
            Assert.Equal(memory.Total(1)[1], fromFrames);

            var rows = File.ReadAllLines(csvPath);
            Assert.Equal("probe,population,channel,t_ms,value", rows[0]);
            // rows: 2 probes × (2 populations + sum) × channels (3 + 2) × 101 samples
            Assert.Equal(1 + (3 * 5 * 101), rows.Length);
            var lfpA = rows.Skip(1).Select(r => r.Split(',')).Where(c => c[0] == "lfp" && c[1] == "A" && c[2] == "2")
                .Select(c => (T: double.Parse(c[3], System.Globalization.CultureInfo.InvariantCulture), V: double.Parse(c[4], System.Globalization.CultureInfo.InvariantCulture)))
                .ToArray();
            Assert.Equal(memory.Population(0, 0)[2], lfpA.Select(x => x.V));
            Assert.Equal(Enumerable.Range(0, 101).Select(m => m * 0.2), lfpA.Select(x => x.T), (a, b) => Math.Abs(a - b) < 1e-12);
        }
        finally
        {
            File.Delete(csvPath);
        }
    }
}
