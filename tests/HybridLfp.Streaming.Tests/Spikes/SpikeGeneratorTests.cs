using HybridLfp.Streaming.Blocks.Spikes;
using HybridLfp.Streaming.Blocks.Spikes.Generators;

namespace HybridLfp.Streaming.Tests.Spikes;

/// <summary>Generators: deterministic by seed, in stream order, with counts within stated Poisson bounds.</summary>
public sealed class SpikeGeneratorTests
{
    private static Task<List<(double T, long Id, string Pop)>> ReadAllAsync(ISpikeSource source) => SpikeSourceReading.ReadAllAsync(source);

    private static void AssertStreamOrder(List<(double T, long Id, string Pop)> spikes)
    {
        for (int i = 1; i < spikes.Count; i++)
        {
            Assert.True(spikes[i].T > spikes[i - 1].T || (spikes[i].T == spikes[i - 1].T && spikes[i].Id >= spikes[i - 1].Id));
        }
    }

    private static PoissonSpikeGenerator Poisson(ulong seed) => new(
        [
            new PoissonPopulationDescription(new GeneratedPopulation("EX", 1, 400), 5.0),
            new PoissonPopulationDescription(new GeneratedPopulation("IN", 401, 100), 10.0, OnsetMs: 100, OffsetMs: 500),
        ],
        tStopMs: 1000,
        seed);

    [Fact]
    public async Task PoissonIsDeterministicOrderedAndHasTheRightCounts()
    {
        var a = await ReadAllAsync(Poisson(42));
        var b = await ReadAllAsync(Poisson(42));
        var c = await ReadAllAsync(Poisson(43));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        AssertStreamOrder(a);

        // EX: 400 units × 5 Hz × 1 s = 2000 expected, σ = √2000 ≈ 44.7; IN: 100 × 10 Hz × 0.4 s = 400, σ = 20.
        // Bounds at 4σ (two-sided p ≈ 6e-5 for a fixed seed).
        var ex = a.Where(s => s.Pop == "EX").ToList();
        var inh = a.Where(s => s.Pop == "IN").ToList();
        Assert.InRange(ex.Count, 2000 - 179, 2000 + 179);
        Assert.InRange(inh.Count, 400 - 80, 400 + 80);
        Assert.All(ex, s => Assert.InRange(s.Id, 1, 400));
        Assert.All(inh, s => Assert.InRange(s.Id, 401, 500));
        Assert.All(inh, s => Assert.True(s.T >= 100 && s.T < 500));
        Assert.All(a, s => Assert.True(s.T >= 0 && s.T < 1000));
    }

    [Fact]
    public async Task PoissonByNodeIdWritesASortedByIdFile()
    {
        using var files = new SpikeTestFiles();
        var path = files.PathOf("by-id.h5");
        long written;
        using (var writer = new SonataSpikeWriter(path, 128, SonataSorting.ById))
        {
            written = Poisson(7).WriteByNodeId(writer);
            writer.Complete();
        }

        var populations = SonataSpikeFile.Inspect(path);
        Assert.All(populations, p => Assert.Equal(SonataSorting.ById, p.Sorting));
        var expected = IndependentSpikeParsers.SonataViaH5dump(path);
        Assert.Equal(written, expected.Values.Sum(p => p.Count));
        Assert.InRange(expected["EX"].Count, 2000 - 179, 2000 + 179);

        // Read back through the unordered (external sort) path: time-ordered, same spikes.
        var back = await ReadAllAsync(SpikeFiles.Open([path], new SpikeReaderOptions { RunLength = 500 }));
        AssertStreamOrder(back);
        Assert.Equal(written, back.Count);
    }

    [Fact]
    public async Task FixedActivationFiresEveryUnitAtEachTime()
    {
        var generator = new FixedActivationSpikeGenerator(
        [
            (new GeneratedPopulation("EX", 1, 40), [200.0, 300.0]),
            (new GeneratedPopulation("IN", 41, 10), [250.0]),
        ]);
        var spikes = await ReadAllAsync(generator);
        AssertStreamOrder(spikes);
        Assert.Equal(90, spikes.Count);
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (200.0, (long)i, "EX")), spikes.Take(40));
        Assert.Equal(Enumerable.Range(41, 10).Select(i => (250.0, (long)i, "IN")), spikes.Skip(40).Take(10));
        Assert.All(spikes.Skip(50), s => Assert.Equal((300.0, "EX"), (s.T, s.Pop)));
    }

    [Fact]
    public async Task RateProfileMatchesTheIntegratedRate()
    {
        var profiles = RateProfiles.MakeNoise(10, 2000, 20, seed: 5);
        foreach (var p in profiles)
        {
            RateProfiles.MinMax(p);
            Assert.Equal(0.0, p.Min());
            Assert.Equal(1.0, p.Max());
        }

        var rates = RateProfiles.LogNormalRates(50, 8.0, 0.5, seed: 5);
        var population = new GeneratedPopulation("exc", 100, 50);
        var spikes = await ReadAllAsync(new RateProfileSpikeGenerator(population, rates, profiles, 1.0, 0.0, 9));
        var again = await ReadAllAsync(new RateProfileSpikeGenerator(population, rates, profiles, 1.0, 0.0, 9));
        Assert.Equal(spikes, again);
        AssertStreamOrder(spikes);

        // Expected count = Σ_i r_i Σ_k p_(i mod 10)(k) × 1 ms / 1000; Poisson, so a 4σ band.
        double expected = 0;
        for (int i = 0; i < 50; i++)
        {
            expected += rates[i] * profiles[i % 10].Sum() / 1000.0;
        }

        Assert.InRange(spikes.Count, expected - 4 * Math.Sqrt(expected), expected + 4 * Math.Sqrt(expected));
        Assert.All(spikes, s => Assert.InRange(s.Id, 100, 149));

        // Per unit too, for the unit with the largest expected count.
        int best = Enumerable.Range(0, 50).MaxBy(i => rates[i] * profiles[i % 10].Sum());
        double e = rates[best] * profiles[best % 10].Sum() / 1000.0;
        Assert.InRange(spikes.Count(s => s.Id == 100 + best), e - 4 * Math.Sqrt(e), e + 4 * Math.Sqrt(e));
    }

    [Fact]
    public void NormalisationsAndShiftedAverage()
    {
        var z = RateProfiles.ZScore([1.0, 2.0, 3.0, 4.0]);
        Assert.Equal(0.0, z.Average(), 1e-15);
        Assert.Equal(1.0, Math.Sqrt(z.Sum(x => x * x) / z.Length), 1e-15);
        Assert.Equal([0.0, 0.0, 0.0, 0.5, 1.0], RateProfiles.ShiftedAverage([2.0, 3.0, 4.0, 9.0, 9.0], 2));
        var logRates = RateProfiles.LogNormalRates(20000, 5.0, 0.5, 1);
        // Sample mean of a log-normal with mean 5 and σ_log = 0.5: sd = 5·√(e^0.25 − 1) ≈ 2.67, sem ≈ 0.019; 5 sem band.
        Assert.InRange(logRates.Average(), 5.0 - 0.095, 5.0 + 0.095);
    }
}
