using BenchmarkDotNet.Attributes;
using HybridLfp.Streaming.Numerics.Analysis;

namespace HybridLfp.Streaming.Benchmarks.Analysis;

/// <summary>
/// Output decimation and spectra on a laminar-probe-sized signal: 16 channels × 16001 samples (1 s at dt = 1/16 ms),
/// decimated by q = 16 to dt_output = 1 ms (hybridLFPy's per-cell step), and the power spectra of 16 × 4096 samples.
/// Seeded inputs.
/// Recorded 2026-11-22, AMD EPYC (2 cores shared with other builds), `--job short`, .NET 10:
/// DecimateBy16 11.8 ms (140 KB allocated; was 26 ms / 4 MB before pooling and per-sample section interleaving),
/// PowerSpectra 8.3 ms. Noisy machine: the confidence intervals were wider than the means.
/// </summary>
[MemoryDiagnoser]
public class AnalysisBenchmarks
{
    private double[][] _signal = [];
    private double[][] _short = [];
    private SecondOrderSections _filter = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1234);
        _signal = Enumerable.Range(0, 16).Select(_ => Enumerable.Range(0, 16001).Select(_ => random.NextDouble() - 0.5).ToArray()).ToArray();
        _short = _signal.Select(r => r[..4096]).ToArray();
        _filter = Decimation.AntiAliasingFilter(16);
    }

    [Benchmark]
    public double DecimateBy16()
    {
        double sum = 0;
        foreach (var row in _signal)
        {
            sum += Decimation.Decimate(row, 16, _filter)[0];
        }

        return sum;
    }

    [Benchmark]
    public double PowerSpectra() => Spectra.PowerSpectrum(_short, 0.0625).Power[0][1];
}
