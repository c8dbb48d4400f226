using System.Text.Json;
using HybridLfp.Streaming.Blocks.Spikes;
using HybridLfp.Streaming.Cli;
using HybridLfp.Streaming.Tests.Support;

namespace HybridLfp.Streaming.Tests.Spikes;

/// <summary>
/// Every real spike file under ../shared/data, read through the streaming readers (with and without spilling runs),
/// against statistics from independent parsers. Sums of times: the test sums the file's decimal text exactly; ours is
/// a compensated double sum, so they agree to 1e-12 relative.
/// </summary>
public sealed class RealSpikeDataTests
{
    public static TheoryData<string> TextFolders => new() { "nest2-potjans2014", "nest3-potjans2014", "hybridLFPy-brunel-order50" };

    public static TheoryData<string> SonataFiles => new() { "snap-reporting-spikes.h5", "sonata-300_cells-spikes.h5", "sonata-nwb_tutorial-spikes.h5" };

    [Theory]
    [MemberData(nameof(TextFolders))]
    public async Task NestFolderMatchesIndependentParse(string folder)
    {
        var path = SharedPaths.Of("data", folder);
        var expected = IndependentSpikeParsers.NestFolder(path);
        foreach (var runLength in (int[])[1 << 20, 257])
        {
            var options = new SpikeReaderOptions { RunLength = runLength, ChunkLength = 1000 };
            await AssertMatchesAsync(SpikeFiles.Open([path], options), expected);
        }
    }

    [Theory]
    [MemberData(nameof(SonataFiles))]
    public async Task SonataFileMatchesH5dump(string file)
    {
        var path = SharedPaths.Of("data", "sonata", file);
        var expected = IndependentSpikeParsers.SonataViaH5dump(path);
        Assert.NotEmpty(expected);
        foreach (var runLength in (int[])[1 << 20, 100])
        {
            var options = new SpikeReaderOptions { RunLength = runLength, ChunkLength = 333 };
            await AssertMatchesAsync(SpikeFiles.Open([path], options), expected);
        }
    }

    [Fact]
    public async Task EachNestFileAloneMatches()
    {
        foreach (var folder in (string[])["nest2-potjans2014", "nest3-potjans2014"])
        {
            var dir = SharedPaths.Of("data", folder);
            var all = IndependentSpikeParsers.NestFolder(dir);
            long total = 0;
            foreach (var file in Directory.GetFiles(dir, "spike_*"))
            {
                var stats = await SpikeStatistics.CollectAsync(SpikeFiles.Open([file], SpikeReaderOptions.Default));
                Assert.Equal(0, stats.OrderViolations);
                total += stats.Populations.Values.Sum(p => p.Count);
            }

            Assert.Equal(all.Values.Sum(p => p.Count), total);
        }
    }

    [Fact]
    public async Task InfoJsonFollowsTheSchema()
    {
        var path = SharedPaths.Of("data", "sonata", "snap-reporting-spikes.h5");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await Program.RunAsync(["spikes", "info", path, "--json"], stdout, stderr, CancellationToken.None);
        Assert.True(code == 0, stderr.ToString());
        using var doc = JsonDocument.Parse(stdout.ToString());
        var file = doc.RootElement.GetProperty("files")[0];
        Assert.Equal(path, file.GetProperty("path").GetString());
        var expected = IndependentSpikeParsers.SonataViaH5dump(path);
        foreach (var (name, e) in expected)
        {
            var p = file.GetProperty("populations").GetProperty(name);
            Assert.Equal(e.Count, p.GetProperty("count").GetInt64());
            Assert.Equal(e.TMin, p.GetProperty("t_min").GetDouble());
            Assert.Equal(e.TMax, p.GetProperty("t_max").GetDouble());
            Assert.Equal(e.IdMin, p.GetProperty("id_min").GetInt64());
            Assert.Equal(e.IdMax, p.GetProperty("id_max").GetInt64());
            Assert.Equal(e.IdSum, p.GetProperty("id_sum").GetInt64());
            Assert.Equal((double)e.TSum, p.GetProperty("t_sum").GetDouble(), 1e-9);
        }

        Assert.Equal(string.Empty, stderr.ToString());
    }

    [Fact]
    public async Task InfoOnNest3FolderNamesPopulationsFromRangesFile()
    {
        var stdout = new StringWriter();
        int code = await Program.RunAsync(["spikes", "info", SharedPaths.Of("data", "nest3-potjans2014"), "--json", "--names", "L23E,L23I,L4E,L4I,L5E,L5I,L6E,L6I"], stdout, TextWriter.Null, CancellationToken.None);
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout.ToString());
        var populations = doc.RootElement.GetProperty("files")[0].GetProperty("populations");
        var expected = IndependentSpikeParsers.NestFolder(SharedPaths.Of("data", "nest3-potjans2014"));
        Assert.Equal(expected["pop0"].Count, populations.GetProperty("L23E").GetProperty("count").GetInt64());
        Assert.Equal(expected["pop7"].IdSum, populations.GetProperty("L6I").GetProperty("id_sum").GetInt64());
    }

    private static async Task AssertMatchesAsync(ISpikeSource source, Dictionary<string, ExpectedPopulation> expected)
    {
        // Stream order: time, then node id; checked here independently of SpikeStatistics.
        var previous = (T: double.NegativeInfinity, Id: long.MinValue);
        double watermark = double.NegativeInfinity;
        await foreach (var chunk in source.ReadAsync())
        {
            using (chunk)
            {
                foreach (var s in chunk.Spikes)
                {
                    Assert.True(s.TimeMs > previous.T || (s.TimeMs == previous.T && s.NodeId >= previous.Id), $"order broken at t={s.TimeMs} id={s.NodeId}");
                    Assert.True(s.TimeMs >= watermark, $"spike at {s.TimeMs} ms after watermark {watermark} ms");
                    previous = (s.TimeMs, s.NodeId);
                }

                // The watermark promises that nothing earlier follows; it cannot be before what was just given.
                Assert.True(chunk.WatermarkMs >= chunk.Spikes[^1].TimeMs);
                watermark = chunk.WatermarkMs;
            }
        }

        var stats = await SpikeStatistics.CollectAsync(source);
        Assert.Equal(0, stats.OrderViolations);
        Assert.Equal(expected.Keys.Order(), stats.Populations.Where(p => p.Value.Count > 0).Select(p => p.Key).Order());
        foreach (var (name, e) in expected)
        {
            var s = stats.Populations[name];
            Assert.Equal(e.Count, s.Count);
            Assert.Equal(e.TMin, s.TMinMs);
            Assert.Equal(e.TMax, s.TMaxMs);
            Assert.Equal(e.IdMin, s.IdMin);
            Assert.Equal(e.IdMax, s.IdMax);
            Assert.Equal((Int128)e.IdSum, s.IdSum);
            Assert.Equal((double)e.TSum, s.TSumMs, (double)Math.Abs(e.TSum) * 1e-12);
        }

    }
}
