using HybridLfp.Streaming.Blocks.Spikes;

namespace HybridLfp.Streaming.Tests.Spikes;

/// <summary>The adaptive in-memory sort agrees with a plain LINQ sort on (time, id, population) in all its paths.</summary>
public sealed class SpikeSortTests
{
    [Theory]
    [InlineData(0)] // random order
    [InlineData(1)] // time-ordered, ties shuffled
    [InlineData(2)] // already in stream order
    [InlineData(3)] // SONATA by_id layout: each unit's full-precision times ascending, units one after another
    [InlineData(4)] // skewed: most spikes at one time, a few far away (one huge bucket, many empty ones)
    [InlineData(5)] // extreme range (0 to 1e300) and subnormal neighbours: bucket factors near overflow/underflow
    [InlineData(6)] // every spike at the same time (no usable range)
    public void SortInPlaceMatchesLinq(int kind)
    {
        var rng = new Random(11 + kind);
        var spikes = kind switch
        {
            3 => Enumerable.Range(0, 400)
                .SelectMany(unit => Enumerable.Range(0, 50).Select(_ => rng.NextDouble() * 10000).Order().Select(t => new SpikeEvent(t, unit, 0)))
                .ToArray(),
            4 => Enumerable.Range(0, 20000)
                .Select(i => new SpikeEvent(i % 97 == 0 ? rng.NextDouble() * 1e6 : 42.5, rng.Next(5000), rng.Next(2)))
                .ToArray(),
            5 => Enumerable.Range(0, 20000)
                .Select(i => new SpikeEvent((i % 4) switch { 0 => 0.0, 1 => double.Epsilon * rng.Next(3), 2 => 1e300 * rng.NextDouble(), _ => rng.NextDouble() }, rng.Next(50), 0))
                .ToArray(),
            6 => Enumerable.Range(0, 5000).Select(_ => new SpikeEvent(7.25, rng.Next(1000), rng.Next(3))).ToArray(),
            _ => Enumerable.Range(0, 20000)
                .Select(_ => new SpikeEvent(Math.Round(rng.NextDouble() * 100, 1), rng.Next(50), rng.Next(3)))
                .ToArray(),
        };
        var expected = spikes.OrderBy(s => s.TimeMs).ThenBy(s => s.NodeId).ThenBy(s => s.Population).ToArray();
        if (kind == 1)
        {
            spikes = expected.GroupBy(s => s.TimeMs).SelectMany(g => g.OrderBy(_ => rng.Next())).ToArray();
        }
        else if (kind == 2)
        {
            spikes = expected.ToArray();
        }

        SpikeEventComparer.SortInPlace(spikes);
        Assert.Equal(expected, spikes);
    }
}
