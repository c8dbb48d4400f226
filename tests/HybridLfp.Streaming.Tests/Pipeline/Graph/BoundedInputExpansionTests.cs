using System.Threading.Tasks.Dataflow;
using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Blocks.Spikes.Generators;
using HybridLfp.Streaming.Pipeline.Run.Engine;

namespace HybridLfp.Streaming.Tests.Pipeline.Graph;

/// <summary>
/// Input read far ahead of the simulation (files and generators) must not turn into memory that grows with the span
/// read: the converter and the merge cut it into chunks of at most 8192 spikes, and the router expands spikes into
/// windows only as fast as the windows are taken.
/// </summary>
public sealed class BoundedInputExpansionTests
{
    [Fact]
    public void Merge_releases_at_most_8192_spikes_per_chunk_in_time_order_with_consistent_watermarks()
    {
        var merge = new TimeMergeKernel(2);
        // source 0: 12 000 spikes at 0, 1, 2, … ms; source 1: 9 000 at 0.5, 1.5, … ms; both complete
        merge.Push(0, new SpikeChunk(Enumerable.Range(0, 12_000).Select(i => 1L).ToArray(), Enumerable.Range(0, 12_000).Select(i => (double)i).ToArray(), 12_000));
        merge.Push(1, new SpikeChunk(Enumerable.Range(0, 9_000).Select(i => 2L).ToArray(), Enumerable.Range(0, 9_000).Select(i => i + 0.5).ToArray(), 9_000));
        merge.Complete(0);
        merge.Complete(1);
        var chunks = new List<SpikeChunk>();
        while (merge.Release() is { } chunk)
        {
            chunks.Add(chunk);
        }

        Assert.All(chunks, c => Assert.InRange(c.Count, 0, TimeMergeKernel.MaxSpikesPerChunk));
        Assert.Equal([8192, 8192, 21_000 - (2 * 8192)], chunks.Select(c => c.Count));
        var times = chunks.SelectMany(c => c.TimesMs.ToArray()).ToArray();
        Assert.Equal(21_000, times.Length);
        Assert.Equal(times.Order(), times);
        for (var k = 0; k + 1 < chunks.Count; k++)
        {
            Assert.True(chunks[k].WatermarkMs <= chunks[k + 1].TimesMs.Span[0], $"chunk {k}'s watermark passes the next chunk's first spike");
        }

        Assert.Equal(double.PositiveInfinity, chunks[^1].WatermarkMs);
        Assert.Null(merge.Release());
    }

    [Fact]
    public async Task Converted_generator_chunks_hold_at_most_8192_spikes_and_lose_none()
    {
        // 1000 units at 100 Hz for 1 s ≈ 100 000 spikes, read by the generator in chunks of 16 384.
        var generator = new PoissonSpikeGenerator([new PoissonPopulationDescription(new GeneratedPopulation("X", 1, 1000), 100)], 1000, 7);
        var expected = new List<double>();
        await foreach (var chunk in generator.ReadAsync())
        {
            using (chunk)
            {
                foreach (var s in chunk.Spikes)
                {
                    expected.Add(s.TimeMs);
                }
            }
        }

        var converted = new List<SpikeChunk>();
        await foreach (var chunk in RecipeSpikeSourceFactory.Convert(
            new PoissonSpikeGenerator([new PoissonPopulationDescription(new GeneratedPopulation("X", 1, 1000), 100)], 1000, 7), null))
        {
            converted.Add(chunk);
        }

        Assert.True(expected.Count > 3 * 8192, $"only {expected.Count} spikes");
        Assert.All(converted, c => Assert.InRange(c.Count, 1, 8192));
        Assert.Equal(expected, converted.SelectMany(c => c.TimesMs.ToArray()));
        for (var k = 0; k + 1 < converted.Count; k++)
        {
            Assert.True(converted[k].WatermarkMs <= converted[k + 1].TimesMs.Span[0]);
        }
    }

    [Fact]
    public async Task Router_expands_a_long_chunk_only_as_fast_as_windows_are_taken()
    {
        // 1000 windows of 1 ms; one chunk with a spike every ms, each to one synapse 1.5 ms later.
        var schedule = WindowSchedule.Create(0.1, 1.0, 1000, 1.5);
        var routing = RoutingTable.Create([(5L, new RouteTarget(0, 0, 0, 1.5))], batchCount: 1);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var router = new EventRouterBlock(schedule, routing, boundedCapacity: 2, cts.Token);
        var spikes = 998;
        await router.Input.SendAsync(new SpikeChunk(Enumerable.Repeat(5L, spikes).ToArray(), Enumerable.Range(0, spikes).Select(i => i + 0.25).ToArray(), double.PositiveInfinity), cts.Token);
        router.Input.Complete();

        // Nobody takes windows yet: routing stops once the output holds its two windows (and one waits to be sent).
        await Task.Delay(300, cts.Token);
        Assert.InRange(router.RoutedEvents, 1, 10);

        var windows = 0;
        long events = 0;
        while (await router.Output.OutputAvailableAsync(cts.Token))
        {
            var window = await router.Output.ReceiveAsync(cts.Token);
            Assert.Equal(windows++, window.Window.Index);
            events += window.EventCount;
        }

        Assert.Equal(1000, windows);
        Assert.Equal(spikes, events); // the last arrives at 997.25 + 1.5 = 998.75 ms, before tstop
        Assert.Equal(spikes, router.RoutedEvents);
    }
}
