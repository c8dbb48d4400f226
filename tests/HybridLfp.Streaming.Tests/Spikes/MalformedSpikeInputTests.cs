using HybridLfp.Streaming.Blocks.Interop.Hdf5;
using HybridLfp.Streaming.Blocks.Spikes;
using HybridLfp.Streaming.Cli;
using HybridLfp.Streaming.Numerics;
using HybridLfp.Streaming.Tests.Support;

namespace HybridLfp.Streaming.Tests.Spikes;

/// <summary>Bad inputs give an <see cref="InputException"/> naming file (and line or dataset), never a crash.</summary>
public sealed class MalformedSpikeInputTests
{
    private static async Task<SpikeStatistics> ReadAsync(string path, SpikeReaderOptions? options = null)
        => await SpikeStatistics.CollectAsync(SpikeFiles.Open([path], options ?? SpikeReaderOptions.Default));

    [Fact]
    public async Task NonNumericLineNamesFileAndLine()
    {
        using var files = new SpikeTestFiles();
        var path = files.Write("rec-1-0.gdf", "1\t0.5\t\n2\tabc\t\n3\t1.5\n");
        var e = await Assert.ThrowsAsync<InputException>(() => ReadAsync(path));
        Assert.Equal(2, e.Line);
        Assert.Contains("rec-1-0.gdf:2:", e.Message);
        Assert.Contains("'abc'", e.Message);
    }

    [Fact]
    public async Task SkipPolicyCountsEveryBadLineAndKeepsTheRest()
    {
        using var files = new SpikeTestFiles();
        var path = files.Write("rec-1-0.dat", "# NEST version: 3\n# RecordingBackendASCII version: 2\nsender\ttime_ms\n1\t0.5\nx\t1\n2\t-3\n3\t1.5\n4\n");
        var options = new SpikeReaderOptions { MalformedLines = MalformedLinePolicy.SkipAndCount };
        var stats = await ReadAsync(path, options);
        Assert.Equal(2, stats.Populations["all"].Count);
        Assert.Equal(3, options.MalformedReport.Count);
        Assert.Contains(options.MalformedReport.FirstMessages, m => m.Contains(":5:"));
        Assert.Contains(options.MalformedReport.FirstMessages, m => m.Contains(":6:") && m.Contains("negative"));
        Assert.Contains(options.MalformedReport.FirstMessages, m => m.Contains(":8:"));
    }

    [Fact]
    public async Task NegativeTimeStopsByDefault()
    {
        using var files = new SpikeTestFiles();
        var path = files.Write("s.csv", "gid,time\n1,0.5\n2,-0.1\n");
        var e = await Assert.ThrowsAsync<InputException>(() => ReadAsync(path));
        Assert.Equal(3, e.Line);
        Assert.Contains("negative", e.Message);
    }

    [Fact]
    public async Task StepOffsetColumnsNeedAResolution()
    {
        using var files = new SpikeTestFiles();
        var path = files.Write("r-1-0.dat", "# NEST version: 3\n# RecordingBackendASCII version: 2\nsender\ttime_step\ttime_offset\n5\t10\t0.025\n");
        var e = await Assert.ThrowsAsync<InputException>(() => ReadAsync(path));
        Assert.Contains("resolution", e.Message);
        var stats = await ReadAsync(path, new SpikeReaderOptions { NestResolutionMs = 0.1 });
        Assert.Equal(10 * 0.1 - 0.025, stats.Populations["all"].TMinMs);
    }

    [Fact]
    public async Task TruncatedHdf5FileGivesHdf5ErrorStack()
    {
        using var files = new SpikeTestFiles();
        var bytes = File.ReadAllBytes(SharedPaths.Of("data", "sonata", "sonata-300_cells-spikes.h5"));
        var path = files.PathOf("truncated.h5");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = await Assert.ThrowsAnyAsync<InputException>(() => ReadAsync(path));
        Assert.Contains("truncated.h5", e.Message);
        Assert.Contains("HDF5 error", e.Message);
    }

    [Fact]
    public async Task NotAnHdf5FileIsReported()
    {
        using var files = new SpikeTestFiles();
        var path = files.Write("text.h5", "this is not HDF5\n");
        var e = await Assert.ThrowsAsync<Hdf5Exception>(() => ReadAsync(path));
        Assert.Contains("signature", e.ErrorStack);
    }

    [Fact]
    public async Task FloatNodeIdsAreRejected()
    {
        using var files = new SpikeTestFiles();
        var path = files.PathOf("float-ids.h5");
        using (var file = Hdf5File.Create(path))
        using (var spikes = file.CreateGroup("spikes"))
        using (var pop = spikes.CreateGroup("p"))
        {
            var g = Hdf5Library.Globals;
            using var ids = pop.CreateExtendible("node_ids", g.IeeeF64Le, 16);
            ids.AppendDouble([1.0, 2.0]);
            using var t = pop.CreateExtendible("timestamps", g.IeeeF64Le, 16);
            t.AppendDouble([0.5, 0.6]);
        }

        var e = await Assert.ThrowsAsync<InputException>(() => ReadAsync(path));
        Assert.Contains("/spikes/p/node_ids", e.Message);
        Assert.Contains("expected integers", e.Message);
    }

    [Fact]
    public async Task MismatchedDatasetLengthsAreRejected()
    {
        using var files = new SpikeTestFiles();
        var path = files.PathOf("mismatch.h5");
        WriteSonata(path, [1, 2, 3], [0.5, 0.6], sorting: null);
        var e = await Assert.ThrowsAsync<InputException>(() => ReadAsync(path));
        Assert.Contains("has 3 elements", e.Message);
        Assert.Contains("has 2", e.Message);
    }

    [Fact]
    public async Task UnsortedDataClaimingByTimeIsRejected()
    {
        using var files = new SpikeTestFiles();
        var path = files.PathOf("liar.h5");
        WriteSonata(path, [1, 2, 3], [0.5, 0.2, 0.9], sorting: "by_time");
        var e = await Assert.ThrowsAsync<InputException>(() => ReadAsync(path));
        Assert.Contains("by_time", e.Message);
        Assert.Contains("0.2", e.Message);

        // The same data without the claim is sorted in bounded memory instead.
        var honest = files.PathOf("honest.h5");
        WriteSonata(honest, [1, 2, 3], [0.5, 0.2, 0.9], sorting: "none");
        var stats = await ReadAsync(honest);
        Assert.Equal(3, stats.Populations["p"].Count);
        Assert.Equal(0, stats.OrderViolations);
    }

    [Fact]
    public async Task NegativeHdf5TimeAndBadUnitsAreRejected()
    {
        using var files = new SpikeTestFiles();
        var path = files.PathOf("negative.h5");
        WriteSonata(path, [1, 2], [0.5, -0.2], sorting: null);
        var e = await Assert.ThrowsAsync<InputException>(() => ReadAsync(path));
        Assert.Contains("timestamps'[1]", e.Message);

        var seconds = files.PathOf("seconds.h5");
        WriteSonata(seconds, [1], [0.5], sorting: null, units: "s");
        e = await Assert.ThrowsAsync<InputException>(() => ReadAsync(seconds));
        Assert.Contains("units 's'", e.Message);
    }

    [Fact]
    public async Task CliPrintsOneLineErrorWithoutStackTrace()
    {
        using var files = new SpikeTestFiles();
        var path = files.Write("bad-1-0.gdf", "1\t0.5\nnot a spike\n");
        var stderr = new StringWriter();
        int code = await Program.RunAsync(["spikes", "info", path], TextWriter.Null, stderr, CancellationToken.None);
        Assert.Equal(2, code);
        Assert.Contains("bad-1-0.gdf:2:", stderr.ToString());
        Assert.DoesNotContain(" at ", stderr.ToString());
    }

    internal static void WriteSonata(string path, long[] ids, double[] times, string? sorting, string? units = "ms")
    {
        var g = Hdf5Library.Globals;
        using var file = Hdf5File.Create(path);
        using var spikes = file.CreateGroup("spikes");
        using var pop = spikes.CreateGroup("p");
        if (sorting is not null)
        {
            pop.WriteUtf8Attribute("sorting", sorting);
        }

        using var idSet = pop.CreateExtendible("node_ids", g.StdU64Le, 16);
        idSet.AppendInt64(ids);
        using var timeSet = pop.CreateExtendible("timestamps", g.IeeeF64Le, 16);
        timeSet.AppendDouble(times);
        if (units is not null)
        {
            timeSet.WriteUtf8Attribute("units", units);
        }
    }
}
