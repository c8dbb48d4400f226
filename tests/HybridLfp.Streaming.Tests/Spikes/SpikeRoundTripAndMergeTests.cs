using HybridLfp.Streaming.Blocks.Spikes;

namespace HybridLfp.Streaming.Tests.Spikes;

/// <summary>Write → read round trips are exact; merges are in time order with ties broken by gid.</summary>
public sealed class SpikeRoundTripAndMergeTests
{
    /// <summary>Random spikes (test's own RNG) sorted by (time, id), several populations, with many exact ties.</summary>
    private static List<(double T, long Id, string Pop)> MakeSpikes(int n, int seed, string[] populations)
    {
        var rng = new Random(seed);
        var spikes = new List<(double T, long Id, string Pop)>();
        for (int i = 0; i < n; i++)
        {
            double t = rng.Next(3) == 0 ? Math.Round(rng.NextDouble() * 50, 1) : rng.NextDouble() * 1000;
            spikes.Add((t, rng.Next(0, 500), populations[rng.Next(populations.Length)]));
        }

        return spikes;
    }

    private static Task<List<(double T, long Id, string Pop)>> ReadAllAsync(ISpikeSource source) => SpikeSourceReading.ReadAllAsync(source);

    private static void Write(ISpikeWriter writer, List<(double T, long Id, string Pop)> spikes)
    {
        var table = new SpikePopulationTable();
        using var chunk = SpikeChunk.Rent(table, spikes.Count);
        foreach (var (t, id, pop) in spikes)
        {
            chunk.Add(new SpikeEvent(t, id, table.GetOrAdd(pop)));
        }

        writer.Write(chunk);
        writer.Complete();
    }

    private static List<(double T, long Id, string Pop)> StreamOrder(IEnumerable<(double T, long Id, string Pop)> spikes)
        => spikes.OrderBy(s => s.T).ThenBy(s => s.Id).ThenBy(s => s.Pop, StringComparer.Ordinal).ToList();

    [Theory]
    [InlineData("out.h5", true)]
    [InlineData("out.csv", true)]
    [InlineData("out.dat", false)]
    public async Task WriteThenReadIsExact(string name, bool keepsPopulations)
    {
        using var files = new SpikeTestFiles();
        string[] populations = keepsPopulations ? ["a", "b"] : ["all"];
        var spikes = StreamOrder(MakeSpikes(5000, 7, populations));
        var path = files.PathOf(name);
        using (var writer = SpikeWriters.Create(path))
        {
            // Several writes: the SONATA writer appends in chunks.
            var table = new SpikePopulationTable();
            for (int start = 0; start < spikes.Count; start += 700)
            {
                using var chunk = SpikeChunk.Rent(table, 700);
                foreach (var (t, id, pop) in spikes.Skip(start).Take(700))
                {
                    chunk.Add(new SpikeEvent(t, id, table.GetOrAdd(pop)));
                }

                writer.Write(chunk);
            }

            writer.Complete();
        }

        var back = await ReadAllAsync(SpikeFiles.Open([path], new SpikeReaderOptions { RunLength = 999 }));
        var expected = StreamOrder(spikes);
        Assert.Equal(expected.Count, back.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].T, back[i].T);
            Assert.Equal(expected[i].Id, back[i].Id);
            Assert.Equal(expected[i].Pop, back[i].Pop);
        }
    }

    [Fact]
    public async Task MergeOfManyFilesIsTimeOrderedWithTiesByGid()
    {
        using var files = new SpikeTestFiles();
        var all = new List<(double T, long Id, string Pop)>();
        for (int vp = 0; vp < 5; vp++)
        {
            // Each "virtual process" file is written unsorted, as gid-major lists.
            var spikes = MakeSpikes(800, 100 + vp, ["all"]).OrderBy(s => s.Id).ToList();
            all.AddRange(spikes);
            files.Write($"rec-9-{vp}.gdf", string.Concat(spikes.Select(s => $"{s.Id}\t{s.T:R}\t\n")));
        }

        var merged = await ReadAllAsync(SpikeFiles.Open([files.Folder], new SpikeReaderOptions { RunLength = 300, ChunkLength = 128 }));
        Assert.Equal(StreamOrder(all), merged);
    }

    [Fact]
    public async Task FilterKeepsInclusiveBoundsPopulationsAndIds()
    {
        using var files = new SpikeTestFiles();
        // Spikes exactly on the bounds must be kept (bluepysnap: t_start and t_stop inclusive).
        var spikes = StreamOrder(MakeSpikes(3000, 3, ["a", "b", "c"]).Concat([(10.0, 50L, "a"), (40.0, 300L, "c"), (40.0001, 60L, "a")]));
        var path = files.PathOf("f.h5");
        using (var writer = new SonataSpikeWriter(path, 256))
        {
            Write(writer, spikes);
        }

        var filter = new SpikeFilter { Populations = ["a", "c"], NodeIdRanges = [(10, 100), (300, 300)], TStartMs = 10.0, TStopMs = 40.0 };
        var got = await ReadAllAsync(new FilteredSpikeSource(SpikeFiles.Open([path], SpikeReaderOptions.Default), filter));
        var expected = spikes.Where(s => s.Pop != "b" && ((s.Id >= 10 && s.Id <= 100) || s.Id == 300) && s.T >= 10.0 && s.T <= 40.0).ToList();
        Assert.NotEmpty(expected);
        Assert.Contains(expected, s => s.T == 10.0 || s.T == 40.0);
        Assert.Equal(expected, got);
    }
}
