using HybridLfp.Streaming.Blocks.Sinks.Hdf5;

namespace HybridLfp.Streaming.Tests.Hdf5Sink;

public sealed class Hdf5SignalSinkTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hlfp-h5sink-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task WriteAsync(Hdf5SignalSink sink, params int[] sampleCounts)
    {
        foreach (var frame in SignalFrames.Windows(sampleCounts))
        {
            using (frame)
            {
                await sink.WriteAsync(frame, CancellationToken.None);
            }
        }
    }

    private static void AssertBitExact(double[] expected, double[] actual, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} values, expected {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]),
                $"{what}[{i}]: {actual[i]:R}, expected {expected[i]:R}");
        }
    }

    [Fact]
    public async Task SignalsFile_HasAGroupPerProbe_DatasetPerPopulationAndSum_ShapesAndValuesBitExact_ViaH5dump()
    {
        var sink = new Hdf5SignalSink(_dir, dtOutputMs: 0.5);
        await WriteAsync(sink, 3, 2, 2, 1);
        await sink.CompleteAsync(true);
        var file = Path.Combine(_dir, "signals.h5");

        var contents = H5DumpReader.Contents(file);
        foreach (var probe in SignalFrames.Probes)
        {
            Assert.Contains($"group      /{probe.Name}", contents);
            foreach (var name in (string[])["EX", "IN", "sum"])
            {
                Assert.Contains($"dataset    /{probe.Name}/{name}", contents);
            }
        }

        for (int p = 0; p < SignalFrames.Probes.Length; p++)
        {
            var probe = SignalFrames.Probes[p];
            for (int y = -1; y < 2; y++)
            {
                var path = $"/{probe.Name}/{(y < 0 ? "sum" : SignalFrames.Populations[y])}";
                var dump = H5DumpReader.Dataset(file, path);
                Assert.Equal("H5T_IEEE_F64LE", dump.Type);
                Assert.Equal([probe.ChannelCount, 8L], dump.Dims);
                Assert.Equal([probe.ChannelCount.ToString(System.Globalization.CultureInfo.InvariantCulture), "H5S_UNLIMITED"], dump.MaxDims);
                Assert.NotNull(dump.Chunk);
                Assert.Equal(probe.ChannelCount, dump.Chunk![0]);
                AssertBitExact(SignalFrames.Expected(p, y, 8), dump.Values, path);

                var (units, unitsType) = H5DumpReader.Attribute(file, path + "/units");
                Assert.Equal(probe.Units, units);
                Assert.Contains("H5T_VARIABLE", unitsType);
                Assert.Contains("H5T_CSET_UTF8", unitsType);
                Assert.Equal(0.5, double.Parse(H5DumpReader.Attribute(file, path + "/dt_output_ms").Value, System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal(2000.0, double.Parse(H5DumpReader.Attribute(file, path + "/srate_Hz").Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        Assert.Equal("complete", H5DumpReader.Attribute(file, "/status").Value);
    }

    // Windows are gathered into chunk-sized writes: windows shorter than a chunk, one that fills it exactly, one longer
    // than it (written straight through) and a partial chunk left at the end must all land in order, bit for bit, in
    // signals.h5 and in the hybridLFPy files; also when the run ends with a fault (CompleteAsync(false)).
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GatheredWindows_LandInOrderBitExact_IncludingThePartialChunkAtTheEnd(bool success)
    {
        int[] windows = [1, 2, 1, 4, 9, 3, 1, 2];
        var total = windows.Sum();
        using (var sink = new Hdf5SignalSink(_dir, 1.0, SignalFrames.Probes, SignalFrames.Populations, new Hdf5SignalSinkOptions { ChunkSamples = 4 }))
        {
            await WriteAsync(sink, windows);
            await sink.CompleteAsync(success);
        }

        var signals = Path.Combine(_dir, "signals.h5");
        Assert.Equal(success ? "complete" : "incomplete", H5DumpReader.Attribute(signals, "/status").Value);
        for (int p = 0; p < SignalFrames.Probes.Length; p++)
        {
            var probe = SignalFrames.Probes[p];
            for (int y = -1; y < 2; y++)
            {
                var name = y < 0 ? "sum" : SignalFrames.Populations[y];
                var dump = H5DumpReader.Dataset(signals, $"/{probe.Name}/{name}");
                Assert.Equal([probe.ChannelCount, (long)total], dump.Dims);
                AssertBitExact(SignalFrames.Expected(p, y, total), dump.Values, $"signals.h5 /{probe.Name}/{name}");

                var hybrid = y < 0
                    ? Path.Combine(_dir, $"{probe.Name}_sum.h5")
                    : Path.Combine(_dir, "populations", $"{name}_population_{probe.Name}.h5");
                AssertBitExact(SignalFrames.Expected(p, y, total), H5DumpReader.Dataset(hybrid, "/data").Values, hybrid);
            }
        }
    }

    [Fact]
    public async Task OurReader_ReadsBackTheSameValuesAttributesAndLayout()
    {
        using (var sink = new Hdf5SignalSink(_dir, 1.0, SignalFrames.Probes, SignalFrames.Populations, new Hdf5SignalSinkOptions { ChunkSamples = 4 }))
        {
            await WriteAsync(sink, 5, 4, 4);
            await sink.CompleteAsync(true);
        }

        using var reader = Hdf5SignalReader.Open(Path.Combine(_dir, "signals.h5"));
        Assert.Equal(["LaminarCurrentSourceDensity", "RecExtElectrode"], reader.Probes.Order(StringComparer.Ordinal));
        Assert.Equal("complete", reader.Status);
        for (int p = 0; p < SignalFrames.Probes.Length; p++)
        {
            var probe = SignalFrames.Probes[p];
            Assert.Equal(["EX", "IN", "sum"], reader.Populations(probe.Name));
            Assert.Equal(probe.Units, reader.Units(probe.Name));
            for (int y = -1; y < 2; y++)
            {
                var name = y < 0 ? "sum" : SignalFrames.Populations[y];
                var signal = reader.Read(probe.Name, name);
                Assert.Equal(probe.ChannelCount, signal.Channels);
                Assert.Equal(13, signal.Samples);
                Assert.Equal(probe.Units, signal.Units);
                Assert.Equal(1.0, signal.DtOutputMs);
                Assert.Equal(1000.0, signal.SrateHz);
                AssertBitExact(SignalFrames.Expected(p, y, 13), signal.Values, $"{probe.Name}/{name}");
                var layout = reader.Layout(probe.Name, name);
                Assert.True(layout.Extendible);
                Assert.Equal((probe.ChannelCount, 4L), layout.Chunk);
            }
        }
    }

    [Fact]
    public async Task Datasets_GrowWindowByWindow_VisibleToH5dumpAfterEachFlush()
    {
        using var sink = new Hdf5SignalSink(_dir, 1.0, new Hdf5SignalSinkOptions { FlushEveryWindow = true, HybridLfpyFiles = false });
        var file = Path.Combine(_dir, "signals.h5");
        long samples = 0;
        foreach (var (frame, k) in SignalFrames.Windows(3, 2, 5).Select((f, k) => (f, k)))
        {
            using (frame)
            {
                await sink.WriteAsync(frame, CancellationToken.None);
            }

            samples += frame.Window.SampleCount;
            var dump = H5DumpReader.Dataset(file, "/RecExtElectrode/IN");
            Assert.Equal([3L, samples], dump.Dims);
            AssertBitExact(SignalFrames.Expected(0, 1, samples), dump.Values, $"after window {k}");
        }

        Assert.Equal("running", H5DumpReader.Attribute(file, "/status").Value);
        await sink.CompleteAsync(true);
        Assert.False(File.Exists(Path.Combine(_dir, "RecExtElectrode_sum.h5")));
    }

    [Fact]
    public async Task HybridLfpyFiles_HaveDataAndSrate()
    {
        var sink = new Hdf5SignalSink(_dir, 0.25);
        await WriteAsync(sink, 2, 3);
        await sink.CompleteAsync(true);
        for (int p = 0; p < SignalFrames.Probes.Length; p++)
        {
            var probe = SignalFrames.Probes[p];
            for (int y = -1; y < 2; y++)
            {
                var file = y < 0 ? Path.Combine(_dir, $"{probe.Name}_sum.h5") : Path.Combine(_dir, "populations", $"{SignalFrames.Populations[y]}_population_{probe.Name}.h5");
                Assert.True(File.Exists(file), file);
                var dump = H5DumpReader.Dataset(file, "/data");
                Assert.Equal([probe.ChannelCount, 5L], dump.Dims);
                AssertBitExact(SignalFrames.Expected(p, y, 5), dump.Values, file);
                Assert.Equal(4000.0, H5DumpReader.Scalar(file, "/srate"));
                Assert.Equal(4000.0, double.Parse(H5DumpReader.Attribute(file, "/data/srate").Value, System.Globalization.CultureInfo.InvariantCulture));

                var (data, srate) = Hdf5SignalReader.ReadHybridLfpyFile(file);
                Assert.Equal(4000.0, srate);
                Assert.Equal(probe.ChannelCount, data.Length);
                AssertBitExact(SignalFrames.Expected(p, y, 5), data.SelectMany(r => r).ToArray(), file + " (our reader)");
            }
        }
    }

    [Fact]
    public async Task FaultedRun_LeavesClosedReadableFiles_WithTheWindowsWritten()
    {
        var sink = new Hdf5SignalSink(_dir, 1.0);
        await WriteAsync(sink, 4, 3);
        await sink.CompleteAsync(false);
        var file = Path.Combine(_dir, "signals.h5");
        Assert.Equal("incomplete", H5DumpReader.Attribute(file, "/status").Value);
        var dump = H5DumpReader.Dataset(file, "/LaminarCurrentSourceDensity/sum");
        Assert.Equal([2L, 7L], dump.Dims);
        AssertBitExact(SignalFrames.Expected(1, -1, 7), dump.Values, "sum after fault");
        using var reader = Hdf5SignalReader.Open(file);
        Assert.Equal("incomplete", reader.Status);
        AssertBitExact(SignalFrames.Expected(0, 0, 7), reader.Read("RecExtElectrode", "EX").Values, "EX after fault");
        var (data, _) = Hdf5SignalReader.ReadHybridLfpyFile(Path.Combine(_dir, "populations", "IN_population_RecExtElectrode.h5"));
        Assert.Equal(7, data[0].Length);
    }

    [Fact]
    public async Task FaultBeforeTheFirstWindow_LeavesEmptyReadableDatasets()
    {
        var sink = new Hdf5SignalSink(_dir, 1.0, SignalFrames.Probes, SignalFrames.Populations);
        await sink.CompleteAsync(false);
        var dump = H5DumpReader.Dataset(Path.Combine(_dir, "signals.h5"), "/RecExtElectrode/EX");
        Assert.Equal([3L, 0L], dump.Dims);
        Assert.Equal("H5S_UNLIMITED", dump.MaxDims[1]);
        Assert.Empty(dump.Values);
    }

    [Fact]
    public async Task DisposeWithoutCompletion_ClosesTheFiles()
    {
        var sink = new Hdf5SignalSink(_dir, 1.0);
        await WriteAsync(sink, 2);
        sink.Dispose();
        Assert.Equal("incomplete", H5DumpReader.Attribute(Path.Combine(_dir, "signals.h5"), "/status").Value);
        await sink.CompleteAsync(true); // a second close is a no-op
    }

    [Fact]
    public async Task AGapBetweenWindows_IsRejected()
    {
        using var sink = new Hdf5SignalSink(_dir, 1.0);
        using (var first = SignalFrames.Frame(0, 0, 3))
        {
            await sink.WriteAsync(first, CancellationToken.None);
        }

        using var skipped = SignalFrames.Frame(2, 5, 3);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () => await sink.WriteAsync(skipped, CancellationToken.None));
        Assert.Contains("starts at sample 5", e.Message);
    }

    [Fact]
    public void APopulationNamedSum_IsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new Hdf5SignalSink(_dir, 1.0, SignalFrames.Probes, ["EX", "sum"]));
        Assert.Contains("'sum'", e.Message);
    }

    [Fact]
    public async Task ManagedAllocationsPerWindow_DoNotGrowWithTheNumberOfWindows()
    {
        using var sink = new Hdf5SignalSink(_dir, 1.0, new Hdf5SignalSinkOptions { HybridLfpyFiles = false });
        var frames = Enumerable.Range(0, 600).Select(k => SignalFrames.Frame(k, k * 2L, 2)).ToArray();
        long Measure(int from, int to)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int k = from; k < to; k++)
            {
                sink.WriteAsync(frames[k], CancellationToken.None).AsTask().GetAwaiter().GetResult();
            }

            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Measure(0, 100);
        long early = Measure(100, 300);
        Measure(300, 400);
        long late = Measure(400, 600);
        Assert.True(late < (early * 1.2) + 4096, $"200 late windows allocated {late} bytes, 200 early ones {early}");
        await sink.CompleteAsync(true);
        Assert.Equal(1200, H5DumpReader.Dataset(Path.Combine(_dir, "signals.h5"), "/RecExtElectrode/sum").Dims[1]);
    }
}
