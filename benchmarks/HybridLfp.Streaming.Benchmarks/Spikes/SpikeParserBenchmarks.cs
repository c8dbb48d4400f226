using BenchmarkDotNet.Attributes;
using HybridLfp.Streaming.Blocks.Spikes;
using HybridLfp.Streaming.Blocks.Spikes.Generators;

namespace HybridLfp.Streaming.Benchmarks.Spikes;

/// <summary>
/// Spike file parsers on 1 M seeded Poisson spikes (10 000 units × 25 Hz × 4 s): raw file-order reading of NEST .dat
/// (NEST-style 3 decimals), bmtk CSV and SONATA by_time, and the full time-ordered statistics pass on the .dat.
/// Run: dotnet run -c Release --project benchmarks/HybridLfp.Streaming.Benchmarks -- --filter '*SpikeParser*'
/// </summary>
[MemoryDiagnoser]
public class SpikeParserBenchmarks
{
    private readonly SpikeEvent[] _buffer = new SpikeEvent[SpikeChunk.DefaultCapacity];
    private string _folder = string.Empty;
    private string _dat = string.Empty;
    private string _csv = string.Empty;
    private string _h5 = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("hlfp-spike-bench-").FullName;
        _dat = Path.Combine(_folder, "spike_recorder-1-0.dat");
        _csv = Path.Combine(_folder, "spikes.csv");
        _h5 = Path.Combine(_folder, "spikes.h5");
        var generator = new PoissonSpikeGenerator([new PoissonPopulationDescription(new GeneratedPopulation("all", 1, 10000), 25.0)], 4000, seed: 1);
        foreach (var writer in (ISpikeWriter[])[new NestDatSpikeWriter(_dat, decimals: 3), new CsvSpikeWriter(_csv), new SonataSpikeWriter(_h5)])
        {
            SpikeWriters.CopyAsync(generator, writer).GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    private long Drain(ISpikeBatchReader reader)
    {
        using (reader)
        {
            long count = 0;
            int n;
            while ((n = reader.Read(_buffer)) > 0)
            {
                count += n;
            }

            return count;
        }
    }

    [Benchmark(Baseline = true)]
    public long NestDatFileOrder() => Drain(new NestTextBatchReader(_dat, null, new SpikePopulationTable(), SpikeReaderOptions.Default));

    [Benchmark]
    public long CsvFileOrder() => Drain(new CsvSpikeBatchReader(_csv, new SpikePopulationTable(), SpikeReaderOptions.Default));

    [Benchmark]
    public long SonataFileOrder()
    {
        var population = SonataSpikeFile.Inspect(_h5)[0];
        return Drain(new SonataPopulationBatchReader(_h5, population, new SpikePopulationTable()));
    }

    [Benchmark]
    public long NestDatStatisticsInTimeOrder()
        => SpikeStatistics.CollectAsync(SpikeFiles.Open([_dat], SpikeReaderOptions.Default)).GetAwaiter().GetResult().Populations["all"].Count;
}
