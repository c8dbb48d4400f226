using HybridLfp.Streaming.Blocks.Spikes;

namespace HybridLfp.Streaming.Tests.Spikes;

/// <summary>The adaptive in-memory sort agrees with a plain LINQ sort on (time, id, population) in all its paths.</summary>
public sealed class SpikeSortTests
{
    [Theory]
    [InlineData(0)] // random order
    [InlineData(1)] // time-ordered, ties shuffled
    [InlineData(2)] // already in stream order
    public void SortInPlaceMatchesLinq(int kind)
    {
        var rng = new Random(11 + kind);
        var spikes = Enumerable.Range(0, 20000)
            .Select(_ => new SpikeEvent(Math.Round(rng.NextDouble() * 100, 1), rng.Next(50), rng.Next(3)))
            .ToArray();
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
