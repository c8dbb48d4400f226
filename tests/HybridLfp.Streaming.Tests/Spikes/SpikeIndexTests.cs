using System.Globalization;
using HybridLfp.Streaming.Blocks.Spikes;
using HybridLfp.Streaming.Tests.Support;

namespace HybridLfp.Streaming.Tests.Spikes;

/// <summary>The spike index answers hybridLFPy GDF queries like an independent in-test computation.</summary>
public sealed class SpikeIndexTests
{
    [Fact]
    public async Task IndexOfNest2FolderMatchesIndependentParse()
    {
        using var files = new SpikeTestFiles();
        var folder = SharedPaths.Of("data", "nest2-potjans2014");
        var spikes = new List<(long Id, double T)>();
        foreach (var file in Directory.GetFiles(folder, "spike_detector-*.gdf"))
        {
            foreach (var line in File.ReadLines(file))
            {
                var parts = line.Split('\t', StringSplitOptions.RemoveEmptyEntries);
                spikes.Add((long.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture)));
            }
        }

        var path = files.PathOf("nest2.spkidx");
        // A small pass size forces many grouping passes.
        using (var built = await SpikeIndex.BuildAsync(SpikeFiles.Open([folder], SpikeReaderOptions.Default), path, spikesPerPass: 997))
        {
            Assert.Equal(spikes.Count, built.NumSpikes);
        }

        using var index = SpikeIndex.Open(path);
        Assert.Equal(spikes.Count, index.NumSpikes);
        Assert.Equal(spikes.Select(s => s.Id).Distinct().Order(), index.Neurons);
        foreach (var id in (long[])[9, 2074, 7447, 5000, 123456])
        {
            Assert.Equal(spikes.Where(s => s.Id == id).Select(s => s.T).Order(), index.Select(id));
        }

        var expectedInterval = spikes.Where(s => s.T >= 100.0 && s.T <= 200.0).OrderBy(s => s.T).ThenBy(s => s.Id).ToList();
        Assert.Equal(expectedInterval, index.Interval(100.0, 200.0));
        var selected = index.SelectNeuronsInterval([9, 2074], 0.1, 500.0);
        Assert.Equal(spikes.Where(s => s.Id == 2074 && s.T >= 0.1 && s.T <= 500.0).Select(s => s.T).Order(), selected[1]);
    }

    [Fact]
    public void DamagedIndexIsRejected()
    {
        using var files = new SpikeTestFiles();
        var path = files.Write("bad.spkidx", "HLFPSIX1 but too short");
        var e = Assert.Throws<HybridLfp.Streaming.Numerics.InputException>(() => SpikeIndex.Open(path));
        Assert.Contains("bad.spkidx", e.Message);
    }
}
