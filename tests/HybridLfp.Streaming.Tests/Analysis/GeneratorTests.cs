using HybridLfp.Streaming.Numerics.Analysis;
using MathNet.Numerics.Distributions;

namespace HybridLfp.Streaming.Tests.Analysis;

/// <summary>Brown noise and activation-time generators: shapes, exact normalizations, fixed-seed statistics.</summary>
public sealed class GeneratorTests
{
    [Fact]
    public void BrownNoiseRowsHaveTheRequestedRms()
    {
        var noise = BrownNoise.Generate(columns: 2000, rows: 3, weight: 0.5, new Random(42));
        Assert.Equal(3, noise.Length);
        Assert.All(noise, row =>
        {
            Assert.Equal(2000, row.Length);
            Assert.Equal(0.5, Math.Sqrt(row.Average(v => v * v)), 1e-12);
        });

        // A random walk: successive differences are white with variance (weight/rms_raw)²; they are much smaller
        // than the signal itself (lag-1 autocorrelation close to 1).
        var r = noise[0];
        var diffs = r.Zip(r.Skip(1), (a, b) => b - a).ToArray();
        Assert.True(Math.Sqrt(diffs.Average(d => d * d)) < 0.1 * 0.5);
        Assert.Equal(noise[0], BrownNoise.Generate(2000, 3, 0.5, new Random(42))[0]);
    }

    [Fact]
    public void ActivationTimesIncreaseWithinTheInterval()
    {
        var rng = new Random(7);
        var trains = ActivationTimes.FromDistribution(10, 100.0, 1100.0, () => Exponential.Sample(rng, 1 / 10.0));
        Assert.Equal(10, trains.Length);
        var intervals = new List<double>();
        foreach (var train in trains)
        {
            Assert.All(train, t => Assert.InRange(t, 100.0, 1100.0 - 1e-12));
            for (var i = 1; i < train.Length; i++)
            {
                Assert.True(train[i] > train[i - 1]);
                intervals.Add(train[i] - train[i - 1]);
            }
        }

        // ~1000 exponential intervals with mean 10 ms: the sample mean has sd ≈ 10/sqrt(1000) ≈ 0.32 ms; accept 4 sd.
        Assert.InRange(intervals.Average(), 10 - 1.3, 10 + 1.3);
        Assert.InRange(intervals.Count, 900, 1100);
    }

    [Fact]
    public void ActivationTimesWithFixedSizeIgnoreTstop()
    {
        var trains = ActivationTimes.FromDistribution(2, 5.0, size: 4, () => 2.0);
        Assert.Equal([7.0, 9.0, 11.0, 13.0], trains[0]);
        Assert.Equal([7.0, 9.0, 11.0, 13.0], trains[1]);
    }

    [Fact]
    public void LinearFilterMatchesDifferenceEquation()
    {
        // y[n] = 0.5 x[n] + 0.5 x[n−1] + 0.25 y[n−1] on an impulse: 0.5, 0.625, 0.15625, …
        var y = LinearFilter.Apply([0.5, 0.5], [1.0, -0.25], [1.0, 0, 0, 0]);
        Assert.Equal([0.5, 0.625, 0.15625, 0.0390625], y);
    }
}
