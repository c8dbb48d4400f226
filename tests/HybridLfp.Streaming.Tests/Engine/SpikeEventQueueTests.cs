using HybridLfp.Streaming.Numerics.Simulation;

namespace HybridLfp.Streaming.Tests.Engine;

/// <summary>
/// The time-keyed min-heap of synaptic events and synapse expiry candidates against a plain sort: pops come out in
/// time order, interleaved with pushes.
/// </summary>
public sealed class SpikeEventQueueTests
{
    [Fact]
    public void PopsInTimeOrderUnderInterleavedPushes()
    {
        var random = new Random(7);
        var heap = new SpikeEventQueue(500);
        var model = new List<(double Time, int Synapse)>();
        for (var round = 0; round < 2000; round++)
        {
            if (model.Count < 500 && (model.Count == 0 || random.NextDouble() < 0.55))
            {
                var time = Math.Round(random.NextDouble() * 100, 1); // ties on purpose
                heap.Push(time, round);
                model.Add((time, round));
            }
            else
            {
                var min = model.Min(e => e.Time);
                Assert.Equal(min, heap.NextTimeMs);
                Assert.True(heap.TryPop(double.PositiveInfinity, out var time, out var synapse));
                Assert.Equal(min, time);
                var popped = model.Single(e => e.Synapse == synapse);
                Assert.Equal(min, popped.Time);
                model.Remove(popped);
            }

            Assert.Equal(model.Count, heap.Count);
        }

        heap.Clear();
        Assert.Equal(0, heap.Count);
        Assert.Equal(double.PositiveInfinity, heap.NextTimeMs);
    }
}
