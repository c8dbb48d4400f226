using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Blocks.Sinks.Parquet;

namespace HybridLfp.Streaming.Tests.Parquet;

/// <summary>
/// <see cref="ParquetSink"/> fed with hand-built window frames; the files are read back with hyparquet and every
/// value is compared bit for bit with the frames' buffers.
/// </summary>
public sealed class ParquetSinkTests : IDisposable
{
    private const double DtOutputMs = 0.1;
    private static readonly ProbeLayout[] Probes = [new("RecExtElectrode", 3, "mV"), new("CSD µ", 2, "nA/µm³")];
    private static readonly string[] Populations = ["EX", "IN"];

    private readonly string _dir = Directory.CreateTempSubdirectory("hlfp-parquet-sink-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Windows of 3, 2, 2, 1 samples; values random over many magnitudes and signs.</summary>
    private static List<WindowFrame> Frames(int count = 4)
    {
        var rng = new Random(77);
        int[] samples = [3, 2, 2, 1];
        var frames = new List<WindowFrame>();
        long first = 0;
        for (var k = 0; k < count; k++)
        {
            var n = samples[k % samples.Length];
            var window = new WindowInfo(k, (k * 4) + 1, (k + 1) * 4, first, n, k * 0.4, (k + 1) * 0.4);
            first += n;
            double[] Buffer(int channels) =>
                [.. Enumerable.Range(0, channels * n).Select(_ => (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-12, 4)))];
            var sums = Probes.Select(p => Populations.Select(_ => Buffer(p.ChannelCount)).ToArray()).ToArray();
            var totals = Probes.Select(p => Buffer(p.ChannelCount)).ToArray();
            frames.Add(new WindowFrame(window, Probes, Populations, sums, totals, eventCount: 0, pool: null));
        }

        return frames;
    }

    private static async Task FeedAsync(ParquetSink sink, IEnumerable<WindowFrame> frames, bool success = true)
    {
        foreach (var frame in frames)
        {
            await sink.WriteAsync(frame, CancellationToken.None);
        }

        await sink.CompleteAsync(success);
    }

    /// <summary>The long table expected from the frames, in the documented row order.</summary>
    private static (List<string> Probe, List<string> Population, List<int> Channel, List<double> T, List<double> Value) ExpectedLong(IEnumerable<WindowFrame> frames)
    {
        var e = (new List<string>(), new List<string>(), new List<int>(), new List<double>(), new List<double>());
        foreach (var f in frames)
        {
            for (var p = 0; p < Probes.Length; p++)
            {
                for (var y = -1; y < Populations.Length; y++)
                {
                    for (var c = 0; c < Probes[p].ChannelCount; c++)
                    {
                        for (var s = 0; s < f.Window.SampleCount; s++)
                        {
                            e.Item1.Add(Probes[p].Name);
                            e.Item2.Add(y < 0 ? "sum" : Populations[y]);
                            e.Item3.Add(c);
                            e.Item4.Add((f.Window.FirstSample + s) * DtOutputMs);
                            e.Item5.Add(f.Value(p, y, c, s));
                        }
                    }
                }
            }
        }

        return e;
    }

    private static void AssertLong(HyparquetReader read, IReadOnlyList<WindowFrame> frames)
    {
        var e = ExpectedLong(frames);
        Assert.Equal(["probe", "population", "channel", "t_ms", "value"], read.ColumnNames);
        Assert.Equal(e.Probe, read.Strings("probe"));
        Assert.Equal(e.Population, read.Strings("population"));
        Assert.Equal(e.Channel, read.Int32s("channel"));
        read.AssertDoubles("t_ms", e.T);
        read.AssertDoubles("value", e.Value);
    }

    [Theory]
    [InlineData(ParquetCompression.Uncompressed, 1, 4)]
    [InlineData(ParquetCompression.Gzip, 3, 2)]
    [InlineData(ParquetCompression.Brotli, 2, 2)]
    public async Task Long_layout_round_trips(ParquetCompression codec, int windowsPerRowGroup, int expectedRowGroups)
    {
        var path = Path.Combine(_dir, "signals.parquet");
        var frames = Frames();
        var sink = new ParquetSink(path, new() { DtOutputMs = DtOutputMs, Compression = codec, WindowsPerRowGroup = windowsPerRowGroup, PageSizeBytes = 128 });
        await FeedAsync(sink, frames);

        var read = HyparquetReader.Read(path);
        AssertLong(read, frames);
        Assert.Equal(expectedRowGroups, read.RowGroups.Length);
        Assert.Equal(new string?[] { "mV" }, read.KeyValue("hybridlfp.units.RecExtElectrode"));
        Assert.Equal(new string?[] { "nA/µm³" }, read.KeyValue("hybridlfp.units.CSD µ"));
        Assert.Equal(new string?[] { "0.1" }, read.KeyValue("hybridlfp.dt_output_ms"));
        // Rows of a row group: (3 + 2 channels) × (1 total + 2 populations) × samples of its windows.
        var firstGroupSamples = new[] { 3, 2, 2, 1 }.Take(windowsPerRowGroup).Sum();
        Assert.Equal((15 * firstGroupSamples).ToString(), read.RowGroups[0].GetProperty("num_rows").GetString());
    }

    [Fact]
    public async Task Row_groups_gather_whole_windows_up_to_a_minimum_row_count()
    {
        // Windows of 3, 2, 2, 1 samples × 15 rows per sample = 45, 30, 30, 15 rows; at least 40 rows per group:
        // [45], [30 + 30], and the last window alone at completion.
        var path = Path.Combine(_dir, "signals.parquet");
        var frames = Frames();
        var sink = new ParquetSink(path, new() { DtOutputMs = DtOutputMs, MinRowsPerRowGroup = 40 });
        await FeedAsync(sink, frames);

        var read = HyparquetReader.Read(path);
        AssertLong(read, frames);
        Assert.Equal(["45", "60", "15"], read.RowGroups.Select(g => g.GetProperty("num_rows").GetString()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Wide_layout_writes_one_file_per_probe(int windowsPerRowGroup)
    {
        var frames = Frames();
        var sink = new ParquetSink(_dir, new() { DtOutputMs = DtOutputMs, Layout = ParquetSinkLayout.Wide, WindowsPerRowGroup = windowsPerRowGroup, Compression = ParquetCompression.Gzip });
        await FeedAsync(sink, frames);

        for (var p = 0; p < Probes.Length; p++)
        {
            var read = HyparquetReader.Read(Path.Combine(_dir, Probes[p].Name + ".parquet"));
            string[] names = ["t_ms", .. new[] { "sum" }.Concat(Populations).SelectMany(y => Enumerable.Range(0, Probes[p].ChannelCount).Select(c => $"{y}_ch{c}"))];
            Assert.Equal(names, read.ColumnNames);
            Assert.Equal(8, read.RowCount);
            Assert.Equal((4 + windowsPerRowGroup - 1) / windowsPerRowGroup, read.RowGroups.Length);
            read.AssertDoubles("t_ms", [.. frames.SelectMany(f => Enumerable.Range(0, f.Window.SampleCount).Select(s => (f.Window.FirstSample + s) * DtOutputMs))]);
            for (var y = -1; y < Populations.Length; y++)
            {
                for (var c = 0; c < Probes[p].ChannelCount; c++)
                {
                    var name = $"{(y < 0 ? "sum" : Populations[y])}_ch{c}";
                    read.AssertDoubles(name, [.. frames.SelectMany(f => Enumerable.Range(0, f.Window.SampleCount).Select(s => f.Value(p, y, c, s)))]);
                }
            }

            Assert.Equal(new string?[] { Probes[p].Units }, read.KeyValue("hybridlfp.units"));
            Assert.Equal(new string?[] { Probes[p].Name }, read.KeyValue("hybridlfp.probe"));
        }
    }

    [Fact]
    public async Task A_run_that_faulted_leaves_readable_files_with_the_windows_written()
    {
        // 4 windows per row group, 3 windows arrive, then the run faults: the buffered windows are written and the
        // footer closes the file.
        var path = Path.Combine(_dir, "fault.parquet");
        var frames = Frames(3);
        var sink = new ParquetSink(path, new() { DtOutputMs = DtOutputMs, WindowsPerRowGroup = 4, Compression = ParquetCompression.Brotli });
        await FeedAsync(sink, frames, success: false);
        AssertLong(HyparquetReader.Read(path), frames);
    }

    [Fact]
    public async Task A_canceled_write_then_complete_leaves_the_earlier_windows_readable()
    {
        var path = Path.Combine(_dir, "cancel.parquet");
        var frames = Frames();
        var sink = new ParquetSink(path, new() { DtOutputMs = DtOutputMs });
        await sink.WriteAsync(frames[0], CancellationToken.None);
        await sink.WriteAsync(frames[1], CancellationToken.None);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await sink.WriteAsync(frames[2], new CancellationToken(canceled: true)));
        await sink.CompleteAsync(success: false);
        AssertLong(HyparquetReader.Read(path), frames.Take(2).ToList());
    }

    [Fact]
    public async Task A_run_without_windows_leaves_an_empty_long_table()
    {
        var path = Path.Combine(_dir, "none.parquet");
        await FeedAsync(new ParquetSink(path, new() { DtOutputMs = DtOutputMs }), []);
        var read = HyparquetReader.Read(path);
        Assert.Equal(0, read.RowCount);
        Assert.Equal(["probe", "population", "channel", "t_ms", "value"], read.ColumnNames);
    }

    [Fact]
    public async Task A_population_named_sum_is_rejected_and_the_file_still_closes()
    {
        var path = Path.Combine(_dir, "sum.parquet");
        var sink = new ParquetSink(path, new() { DtOutputMs = DtOutputMs });
        var frame = new WindowFrame(new WindowInfo(0, 1, 1, 0, 1, 0, 0.1), Probes, ["EX", "sum"],
            [[[1, 2, 3], [4, 5, 6]], [[1, 2], [3, 4]]], [[1, 2, 3], [1, 2]], eventCount: 0, pool: null);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () => await sink.WriteAsync(frame, CancellationToken.None));
        Assert.Contains("named 'sum'", e.Message);
        await sink.CompleteAsync(success: false);
        Assert.Equal(0, HyparquetReader.Read(path).RowCount);
    }
}
