using HybridLfp.Streaming.Numerics.Randomness;

namespace HybridLfp.Streaming.Tests.Pipeline;

public sealed class CounterRandomTests
{
    [Theory]
    // Random123's published known-answer vectors (tests/kat_vectors) for Philox4x32-10.
    [InlineData(0u, 0u, 0u, 0u, 0u, 0u, 0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u)]
    [InlineData(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu)]
    [InlineData(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u, 0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u)]
    public void Philox_matches_Random123_known_answers(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, uint e0, uint e1, uint e2, uint e3)
    {
        var (x0, x1, x2, x3) = Philox4x32.Block(c0, c1, c2, c3, k0, k1);
        Assert.Equal((e0, e1, e2, e3), (x0, x1, x2, x3));
    }

    [Fact]
    public void Stream_is_a_pure_function_of_its_coordinates()
    {
        var a = new CounterRandom(42, "EX", 17, DrawPurpose.Delays);
        var b = new CounterRandom(42, "EX", 17, DrawPurpose.Delays);
        var otherCell = new CounterRandom(42, "EX", 18, DrawPurpose.Delays);
        var otherPurpose = new CounterRandom(42, "EX", 17, DrawPurpose.Rotation);
        var otherPopulation = new CounterRandom(42, "IN", 17, DrawPurpose.Delays);
        var otherSeed = new CounterRandom(43, "EX", 17, DrawPurpose.Delays);
        var sa = Enumerable.Range(0, 64).Select(_ => a.NextUInt32()).ToArray();
        var sb = Enumerable.Range(0, 64).Select(_ => b.NextUInt32()).ToArray();
        Assert.Equal(sa, sb);
        Assert.NotEqual(sa, Enumerable.Range(0, 64).Select(_ => otherCell.NextUInt32()).ToArray());
        Assert.NotEqual(sa, Enumerable.Range(0, 64).Select(_ => otherPurpose.NextUInt32()).ToArray());
        Assert.NotEqual(sa, Enumerable.Range(0, 64).Select(_ => otherPopulation.NextUInt32()).ToArray());
        Assert.NotEqual(sa, Enumerable.Range(0, 64).Select(_ => otherSeed.NextUInt32()).ToArray());
    }

    [Fact]
    public void Uniform_doubles_pass_chi_square_on_100_bins()
    {
        var rng = new CounterRandom(12345, "EX", 0, DrawPurpose.SomaPosition);
        const int bins = 100, n = 100_000;
        var counts = new int[bins];
        for (var i = 0; i < n; i++)
        {
            var u = rng.NextDouble();
            Assert.InRange(u, 0.0, 1.0 - 1e-17);
            counts[(int)(u * bins)]++;
        }

        var chi2 = ChiSquare(counts, Enumerable.Repeat(1.0 / bins, bins).ToArray(), n);
        // 99 degrees of freedom: P(χ² > 148.23) = 0.001.
        Assert.True(chi2 < 148.23, $"χ² = {chi2}");
    }

    [Fact]
    public void Normals_have_mean_0_and_variance_1()
    {
        var rng = new CounterRandom(7, "IN", 3, DrawPurpose.Delays);
        const int n = 100_000;
        double sum = 0, sumSq = 0;
        var within1 = 0;
        for (var i = 0; i < n; i++)
        {
            var z = rng.NextStandardNormal();
            sum += z;
            sumSq += z * z;
            if (Math.Abs(z) < 1)
            {
                within1++;
            }
        }

        var mean = sum / n;
        var variance = (sumSq / n) - (mean * mean);
        // Standard error of the mean 1/√n = 0.00316: 5 SE = 0.0158.
        Assert.InRange(mean, -0.0158, 0.0158);
        // Standard error of the variance √(2/n) = 0.00447: 5 SE = 0.0224.
        Assert.InRange(variance, 1 - 0.0224, 1 + 0.0224);
        // P(|z| < 1) = 0.682689; binomial SE √(p(1−p)/n) = 0.00147: 5 SE = 0.0074.
        Assert.InRange(within1 / (double)n, 0.682689 - 0.0074, 0.682689 + 0.0074);
    }

    [Fact]
    public void Integer_range_is_uniform_and_inclusive_of_its_ends()
    {
        var rng = new CounterRandom(99, "EX", 5, DrawPurpose.PresynapticGids);
        const int n = 60_000;
        var counts = new int[6];
        for (var i = 0; i < n; i++)
        {
            var v = rng.NextInRange(1, 7);
            Assert.InRange(v, 1, 6);
            counts[v - 1]++;
        }

        // 5 degrees of freedom: P(χ² > 20.52) = 0.001.
        var chi2 = ChiSquare(counts, Enumerable.Repeat(1.0 / 6, 6).ToArray(), n);
        Assert.True(chi2 < 20.52, $"χ² = {chi2}");
    }

    [Fact]
    public void Large_ranges_are_unbiased()
    {
        // For range = 3·2³⁰ the plain multiply-shift maps two 32-bit words onto every value ≡ 0 (mod 3) and one
        // onto the others, so P(v mod 3 = 0) would be 1/2 instead of 1/3: the rejection step must remove that.
        var rng = new CounterRandom(11, "EX", 2, DrawPurpose.PresynapticGids);
        const int n = 30_000;
        var zeroMod3 = 0;
        for (var i = 0; i < n; i++)
        {
            var v = rng.NextIndex(3L << 30);
            Assert.InRange(v, 0, (3L << 30) - 1);
            zeroMod3 += v % 3 == 0 ? 1 : 0;
        }

        // Binomial SE √(p(1−p)/n) = 0.0027 at p = 1/3: 5 SE = 0.0136.
        Assert.InRange(zeroMod3 / (double)n, (1.0 / 3) - 0.0136, (1.0 / 3) + 0.0136);
    }

    [Fact]
    public void Alias_sampler_draws_in_proportion_to_weights()
    {
        double[] weights = [1, 0, 2, 3, 4];
        var sampler = new AliasSampler(weights);
        var rng = new CounterRandom(2024, "EX", 1, DrawPurpose.SynapseSegments);
        const int n = 100_000;
        var counts = new int[weights.Length];
        for (var i = 0; i < n; i++)
        {
            counts[sampler.Sample(ref rng)]++;
        }

        Assert.Equal(0, counts[1]); // zero weight is never drawn
        int[] nonZero = [counts[0], counts[2], counts[3], counts[4]];
        // 3 degrees of freedom: P(χ² > 16.27) = 0.001.
        var chi2 = ChiSquare(nonZero, [0.1, 0.2, 0.3, 0.4], n);
        Assert.True(chi2 < 16.27, $"χ² = {chi2}");
    }

    [Fact]
    public void Alias_sampler_rejects_bad_weights()
    {
        Assert.Throws<ArgumentException>(() => new AliasSampler([]));
        Assert.Throws<ArgumentException>(() => new AliasSampler([0.0, 0.0]));
        Assert.Throws<ArgumentException>(() => new AliasSampler([1.0, -1.0]));
        Assert.Throws<ArgumentException>(() => new AliasSampler([1.0, double.NaN]));
    }

    private static double ChiSquare(int[] counts, double[] probabilities, int n)
    {
        double chi2 = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            var expected = probabilities[i] * n;
            chi2 += (counts[i] - expected) * (counts[i] - expected) / expected;
        }

        return chi2;
    }
}
