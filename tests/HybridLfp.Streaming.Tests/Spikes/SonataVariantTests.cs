using HybridLfp.Streaming.Blocks.Interop.Hdf5;
using HybridLfp.Streaming.Blocks.Spikes;

namespace HybridLfp.Streaming.Tests.Spikes;

/// <summary>
/// The SONATA variants met in the wild, written with the interop layer and checked with h5dump: legacy
/// /spikes/{gids,timestamps}, integer ids of other widths, "milliseconds" units, legacy sorting strings, the sorting
/// enum on node_ids, and empty populations.
/// </summary>
public sealed class SonataVariantTests
{
    private static readonly (string, byte)[] s_sorting = [("none", 0), ("by_id", 1), ("by_time", 2)];

    [Fact]
    public async Task LegacyLayoutWithUInt32GidsAndLegacySortingString()
    {
        using var files = new SpikeTestFiles();
        var path = files.PathOf("legacy.h5");
        var g = Hdf5Library.Globals;
        using (var file = Hdf5File.Create(path))
        using (var spikes = file.CreateGroup("spikes"))
        {
            spikes.WriteUtf8Attribute("sorting", "time");
            using var gids = spikes.CreateExtendible("gids", g.StdU32Le, 16);
            gids.AppendInt64([4, 2, 9, 1]);
            using var times = spikes.CreateExtendible("timestamps", g.IeeeF64Le, 16);
            times.AppendDouble([0.5, 0.5, 1.25, 3.0]);
            times.WriteUtf8Attribute("units", "milliseconds");
        }

        var populations = SonataSpikeFile.Inspect(path);
        Assert.Equal(SonataSpikeFile.LegacyPopulation, Assert.Single(populations).Name);
        Assert.Equal(SonataSorting.ByTime, populations[0].Sorting);
        var expected = IndependentSpikeParsers.SonataViaH5dump(path)[SonataSpikeFile.LegacyPopulation];
        var stats = await SpikeStatistics.CollectAsync(SpikeFiles.Open([path], SpikeReaderOptions.Default));
        var s = stats.Populations[SonataSpikeFile.LegacyPopulation];
        Assert.Equal((expected.Count, expected.IdSum, expected.TMin, expected.TMax), (s.Count, (long)s.IdSum, s.TMinMs, s.TMaxMs));
        Assert.Equal(0, stats.OrderViolations);
    }

    [Fact]
    public async Task SortingEnumOnNodeIdsAndEmptyAndNarrowPopulations()
    {
        using var files = new SpikeTestFiles();
        var path = files.PathOf("variants.h5");
        var g = Hdf5Library.Globals;
        using (var file = Hdf5File.Create(path))
        using (var spikes = file.CreateGroup("spikes"))
        {
            using (var a = spikes.CreateGroup("a"))
            {
                using var ids = a.CreateExtendible("node_ids", g.StdU8Le, 16);
                ids.AppendInt64([7, 3, 5, 200]);
                ids.WriteEnumU8Attribute("sorting", s_sorting, 1);
                using var times = a.CreateExtendible("timestamps", g.IeeeF64Le, 16);
                times.AppendDouble([2.0, 1.0, 1.0, 0.1]);
            }

            using (var b = spikes.CreateGroup("empty"))
            {
                b.WriteUtf8Attribute("sorting", "by_gid");
                using var ids = b.CreateExtendible("node_ids", g.NativeInt64, 16);
                using var times = b.CreateExtendible("timestamps", g.IeeeF64Le, 16);
            }
        }

        var populations = SonataSpikeFile.Inspect(path).ToDictionary(p => p.Name);
        Assert.Equal(SonataSorting.ById, populations["a"].Sorting);
        Assert.Equal(SonataSorting.ById, populations["empty"].Sorting);
        Assert.Equal(0, populations["empty"].Count);

        var chunks = new List<(double, long, string)>();
        await foreach (var chunk in SpikeFiles.Open([path], SpikeReaderOptions.Default).ReadAsync())
        {
            using (chunk)
            {
                foreach (var spike in chunk.Spikes)
                {
                    chunks.Add((spike.TimeMs, spike.NodeId, chunk.Populations[spike.Population]));
                }
            }
        }

        Assert.Equal([(0.1, 200L, "a"), (1.0, 3L, "a"), (1.0, 5L, "a"), (2.0, 7L, "a")], chunks);
        var stats = await SpikeStatistics.CollectAsync(SpikeFiles.Open([path], SpikeReaderOptions.Default));
        Assert.Equal(0, stats.Populations["empty"].Count);
    }
}
