using BenchmarkDotNet.Attributes;
using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Blocks.Sinks.Parquet;

namespace HybridLfp.Streaming.Benchmarks.Parquet;

/// <summary>
/// Write throughput of <see cref="ParquetSink"/>'s long layout: 100 windows of 100 samples, probes of 6 (LFP) and 20
/// (CSD) channels, 2 populations + total → 100 × 100 × 26 × 3 = 780,000 rows per operation, to a file in the temp
/// folder. rows/s = 780,000 / Mean. Seeded values; the window frames are built once.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class ParquetLongWriteBenchmarks
{
    public const int Windows = 100;
    public const int SamplesPerWindow = 100;
    public const int RowsPerOperation = Windows * SamplesPerWindow * (6 + 20) * 3;

    private readonly ProbeLayout[] _probes = [new("RecExtElectrode", 6, "mV"), new("LaminarCurrentSourceDensity", 20, "nA/µm³")];
    private readonly string[] _populations = ["EX", "IN"];
    private WindowFrame[] _frames = [];
    private string _path = "";

    [Params(ParquetCompression.Uncompressed, ParquetCompression.Gzip, ParquetCompression.Brotli)]
    public ParquetCompression Compression { get; set; }

    [Params(1, 10)]
    public int WindowsPerRowGroup { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(2024);
        _frames = new WindowFrame[Windows];
        for (var k = 0; k < Windows; k++)
        {
            var window = new WindowInfo(k, (k * 1000L) + 1, (k + 1) * 1000L, (long)k * SamplesPerWindow, SamplesPerWindow, k * 100.0, (k + 1) * 100.0);
            double[] Buffer(int channels) => [.. Enumerable.Range(0, channels * SamplesPerWindow).Select(_ => rng.NextDouble() - 0.5)];
            var sums = _probes.Select(p => _populations.Select(_ => Buffer(p.ChannelCount)).ToArray()).ToArray();
            var totals = _probes.Select(p => Buffer(p.ChannelCount)).ToArray();
            _frames[k] = new WindowFrame(window, _probes, _populations, sums, totals, eventCount: 0, pool: null);
        }

        _path = Path.Combine(Path.GetTempPath(), $"hlfp-parquet-bench-{Environment.ProcessId}.parquet");
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark]
    public async Task WriteLongTable()
    {
        var sink = new ParquetSink(_path, new() { DtOutputMs = 0.1, Compression = Compression, WindowsPerRowGroup = WindowsPerRowGroup });
        foreach (var frame in _frames)
        {
            await sink.WriteAsync(frame, CancellationToken.None);
        }

        await sink.CompleteAsync(success: true);
    }
}
