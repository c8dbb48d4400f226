using BenchmarkDotNet.Attributes;
using HybridLfp.Streaming.Numerics.Forward;
using HybridLfp.Streaming.Numerics.Geometry;

namespace HybridLfp.Streaming.Benchmarks.Forward;

/// <summary>
/// Projection throughput of the single-cell timing case: 16 line-source contacts + the current dipole moment
/// (3 rows) over 1072 segments for 16001 samples (1000 ms at dt = 1/16 ms), streamed sample by sample through
/// <see cref="ProjectionSink"/>; against a plain per-sample scalar loop. Inputs are seeded; the currents cycle through a
/// pool of 256 samples so the input stays small (the projection cost does not depend on the values).
/// </summary>
[MemoryDiagnoser]
public class ProjectionBenchmarks
{
    private const int Segments = 1072;
    private const int Contacts = 16;
    private const int Samples = 16001;
    private const int Pool = 256;

    private CellGeometry _cell = null!;
    private TransformationMatrix _electrodeAndCdm = null!;
    private double[][] _pool = null!;
    private double[] _scalarOut = null!;

    [Params(64)]
    public int BlockSamples { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2024);
        _cell = SyntheticCell(random);
        var z = Enumerable.Range(0, Contacts).Select(k => -100.0 * k + 200).ToArray();
        var electrode = new RecExtElectrode(new double[Contacts], new double[Contacts], z, Conductivity.Isotropic(0.3), ExtracellularMethod.LineSource);
        var m = electrode.GetTransformationMatrix(_cell);
        var cdm = new CurrentDipoleMoment().GetTransformationMatrix(_cell);
        var values = m.Values.Concat(cdm.Values).ToArray();
        _electrodeAndCdm = new TransformationMatrix(Contacts + 3, Segments, values);
        _pool = Enumerable.Range(0, Pool).Select(_ => Enumerable.Range(0, Segments).Select(_ => random.NextDouble() - 0.5).ToArray()).ToArray();
        _scalarOut = new double[_electrodeAndCdm.Rows];
    }

    /// <summary>16001 samples through a ProjectionSink (block SIMD).</summary>
    [Benchmark]
    public double StreamThroughProjectionSink()
    {
        var receiver = new SumReceiver();
        var sink = new ProjectionSink(_electrodeAndCdm, receiver, BlockSamples);
        for (var t = 0; t < Samples; t++)
        {
            sink.OnSample(t, t * 0.0625, _pool[t % Pool]);
        }

        sink.Complete();
        return receiver.Sum;
    }

    /// <summary>The same product with a scalar loop per sample (baseline).</summary>
    [Benchmark(Baseline = true)]
    public double ScalarPerSample()
    {
        var m = _electrodeAndCdm.Values;
        var sum = 0.0;
        for (var t = 0; t < Samples; t++)
        {
            var x = _pool[t % Pool];
            for (var r = 0; r < _scalarOut.Length; r++)
            {
                var acc = 0.0;
                var offset = r * Segments;
                for (var s = 0; s < Segments; s++)
                {
                    acc += m[offset + s] * x[s];
                }

                _scalarOut[r] = acc;
            }

            sum += _scalarOut[0];
        }

        return sum;
    }

    /// <summary>Building the 16 × 1072 line-source matrix once per cell.</summary>
    [Benchmark]
    public TransformationMatrix BuildLineSourceMatrix() =>
        new RecExtElectrode(new double[Contacts], new double[Contacts], Enumerable.Range(0, Contacts).Select(k => -100.0 * k + 200).ToArray(),
            Conductivity.Isotropic(0.3), ExtracellularMethod.LineSource).GetTransformationMatrix(_cell);

    /// <summary>A random-walk tree-like cell of 1072 segments (µm), roughly the extent of the L5 pyramid.</summary>
    internal static CellGeometry SyntheticCell(Random random)
    {
        var x0 = new double[Segments];
        var x1 = new double[Segments];
        var y0 = new double[Segments];
        var y1 = new double[Segments];
        var z0 = new double[Segments];
        var z1 = new double[Segments];
        var d = new double[Segments];
        var l = new double[Segments];
        var area = new double[Segments];
        for (var i = 0; i < Segments; i++)
        {
            var parent = i == 0 ? -1 : random.Next(i);
            (x0[i], y0[i], z0[i]) = parent < 0 ? (0.0, 0.0, -10.0) : (x1[parent], y1[parent], z1[parent]);
            x1[i] = x0[i] + (random.NextDouble() - 0.5) * 30;
            y1[i] = y0[i] + (random.NextDouble() - 0.5) * 30;
            z1[i] = z0[i] + (random.NextDouble() - 0.3) * 30;
            d[i] = 0.5 + 2 * random.NextDouble();
            l[i] = Math.Sqrt(Math.Pow(x1[i] - x0[i], 2) + Math.Pow(y1[i] - y0[i], 2) + Math.Pow(z1[i] - z0[i], 2));
            area[i] = Math.PI * d[i] * l[i];
        }

        return new CellGeometry(x0, x1, y0, y1, z0, z1, d, l, area);
    }

    private sealed class SumReceiver : IProjectionReceiver
    {
        public double Sum { get; private set; }

        public void OnBlock(int firstSampleIndex, int sampleCount, ReadOnlySpan<double> valuesTimeMajor) => Sum += valuesTimeMajor[0];

        public void Complete()
        {
        }
    }
}
