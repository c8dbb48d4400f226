using HybridLfp.Streaming.Numerics.Discretization;
using HybridLfp.Streaming.Numerics.Forward;
using HybridLfp.Streaming.Numerics.Simulation;
using HybridLfp.Streaming.Tests.Engine;

namespace HybridLfp.Streaming.Tests.Probes;

/// <summary>
/// The run-time probe path of <c>hlfp cell</c>: the register-blocked projection, the one-pass current dipole moment,
/// the block-gathered synapse currents and the preallocated projection recorder, each against a plain independent
/// computation (a compensated dot product, the kernel's own per-step values).
/// </summary>
public sealed class RunTimeProbeTests
{
    [Theory]
    [InlineData(19, 1072, 9)] // the timing case's shape: six 3×4 tiles + one row, two 4-sample passes + a sample tail
    [InlineData(8, 37, 6)]    // two 3-row tiles + two single rows, SIMD body + scalar tail
    [InlineData(3, 4, 4)]     // one exact tile
    [InlineData(2, 3, 5)]     // shorter than a vector: scalar tail only
    public void BlockProductEqualsCompensatedDotProducts(int rows, int columns, int samples)
    {
        var random = new Random(rows * 1000 + columns);
        var m = new TransformationMatrix(rows, columns, Enumerable.Range(0, rows * columns).Select(_ => random.NextDouble() - 0.5).ToArray());
        var x = Enumerable.Range(0, samples * columns).Select(_ => random.NextDouble() - 0.5).ToArray();
        var y = new double[samples * rows];
        m.ApplyBlock(x, samples, y);
        for (var t = 0; t < samples; t++)
        {
            for (var r = 0; r < rows; r++)
            {
                var (expected, magnitude) = KahanDot(m.Row(r), x.AsSpan(t * columns, columns));
                Assert.True(Math.Abs(y[t * rows + r] - expected) <= ErrorBound(columns, magnitude), $"y[{t},{r}] = {y[t * rows + r]}, expected {expected}");
            }
        }
    }

    [Fact]
    public void SampleResultDoesNotDependOnItsPlaceInTheBlock()
    {
        var random = new Random(7);
        const int rows = 19, columns = 103, samples = 11;
        var m = new TransformationMatrix(rows, columns, Enumerable.Range(0, rows * columns).Select(_ => random.NextDouble() - 0.5).ToArray());
        var x = Enumerable.Range(0, samples * columns).Select(_ => random.NextDouble() - 0.5).ToArray();
        var block = new double[samples * rows];
        m.ApplyBlock(x, samples, block);
        var single = new double[rows];
        for (var t = 0; t < samples; t++)
        {
            m.ApplySample(x.AsSpan(t * columns, columns), single);
            Assert.Equal(block.AsSpan(t * rows, rows).ToArray(), single); // bit-identical
        }
    }

    [Fact]
    public void DipoleRecorderEqualsSumOfCurrentsTimesMidpoints()
    {
        var morphology = MorphologyDiscretizer.Discretize(RandomTrees.Create(5, 9), NsegRule.LambdaF(100, 0.1), 1, 150);
        var g = morphology.Geometry;
        var n = g.SegmentCount;
        var random = new Random(3);
        var recorder = new CurrentDipoleMomentRecorder(g, 3);
        var currents = new double[3][];
        for (var t = 0; t < 3; t++)
        {
            currents[t] = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
            recorder.OnSample(t, t, currents[t]);
        }

        for (var t = 0; t < 3; t++)
        {
            var (px, sx) = KahanDot(Enumerable.Range(0, n).Select(i => (g.XStart[i] + g.XEnd[i]) / 2).ToArray(), currents[t]);
            var (py, sy) = KahanDot(Enumerable.Range(0, n).Select(i => (g.YStart[i] + g.YEnd[i]) / 2).ToArray(), currents[t]);
            var (pz, sz) = KahanDot(Enumerable.Range(0, n).Select(i => (g.ZStart[i] + g.ZEnd[i]) / 2).ToArray(), currents[t]);
            Assert.True(Math.Abs(recorder.Moment[0][t] - px) <= ErrorBound(n, sx));
            Assert.True(Math.Abs(recorder.Moment[1][t] - py) <= ErrorBound(n, sy));
            Assert.True(Math.Abs(recorder.Moment[2][t] - pz) <= ErrorBound(n, sz));
        }
    }

    [Fact]
    public void SynapseCurrentsEqualTheKernelsValuesAtEveryRecordedStep()
    {
        var kernel = SmallCell(out _);
        const int samples = 150; // two full 64-sample blocks, a partial one, and a gap in the indices
        var recorder = new CellTraceRecorder(samples + 10, 0, [], [], kernel.SynapseCount);
        var expected = new double[kernel.SynapseCount][];
        for (var s = 0; s < expected.Length; s++)
        {
            expected[s] = new double[samples + 10];
        }

        double[][]? early = null;
        for (var k = 0; k < samples; k++)
        {
            kernel.Step();
            var index = k < 100 ? k : k + 10; // samples 100..109 are skipped
            recorder.Record(index, kernel.TimeMs, kernel);
            for (var s = 0; s < expected.Length; s++)
            {
                expected[s][index] = kernel.SynapseCurrentsNa[s];
            }

            if (k == 70)
            {
                early = recorder.Isyn.Select(r => r[..71]).ToArray(); // reading mid-block shows every sample so far
            }
        }

        Assert.Contains(expected, row => row.Any(v => v != 0)); // the synapses did fire
        for (var s = 0; s < expected.Length; s++)
        {
            Assert.Equal(expected[s], recorder.Isyn[s]);
            Assert.Equal(expected[s][..71], early![s]);
        }
    }

    [Fact]
    public void RecorderGrowsPastItsCapacity()
    {
        var recorder = new ProjectionRecorder(2, capacitySamples: 3);
        recorder.OnBlock(0, 2, [1, 10, 2, 20]);
        recorder.OnBlock(2, 3, [3, 30, 4, 40, 5, 50]);
        recorder.Complete();
        var rows = recorder.ToArray();
        Assert.Equal([1.0, 2, 3, 4, 5], rows[0]);
        Assert.Equal([10.0, 20, 30, 40, 50], rows[1]);
        Assert.Throws<ArgumentException>(() => recorder.OnBlock(7, 1, [6, 60]));
    }

    [Fact]
    public void LoopWithTracesProbesAndDipoleAllocatesNothingPerStep()
    {
        var kernel = SmallCell(out var morphology);
        var n = morphology.SegmentCount;
        var random = new Random(2);
        var m = new TransformationMatrix(19, n, Enumerable.Range(0, 19 * n).Select(_ => random.NextDouble()).ToArray());
        var recorder = new CellTraceRecorder(6000, 0, [1], [2], kernel.SynapseCount);
        var dipole = new CurrentDipoleMomentRecorder(morphology.Geometry, 6000);
        var projection = new ProjectionRecorder(19, 6000);
        var sink = new ProjectionSink(m, projection);
        for (var k = 0; k < 2000; k++)
        {
            Step(k); // warm-up (JIT tiers)
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 2000; k < 6000; k++)
        {
            Step(k);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        void Step(int k)
        {
            kernel.Step();
            recorder.Record(k, kernel.TimeMs, kernel);
            dipole.OnSample(k, kernel.TimeMs, kernel.MembraneCurrentsNa);
            sink.OnSample(k, kernel.TimeMs, kernel.MembraneCurrentsNa);
        }
    }

    private static SingleCellKernel SmallCell(out DiscretizedMorphology morphology)
    {
        morphology = MorphologyDiscretizer.Discretize(RandomTrees.Create(21, 12), NsegRule.LambdaF(100, 0.1), 1, 150);
        var n = morphology.SegmentCount;
        SynapseDescription[] synapses =
        [
            new(1 % n, SynapseKind.ExpSyn, 0.004, TauMs: 1.5, ReversalMv: 0),
            new(3 % n, SynapseKind.ExpSynI, 0.3, TauMs: 2),
            new(5 % n, SynapseKind.Exp2Syn, 0.003, Tau1Ms: 0.3, Tau2Ms: 4, ReversalMv: -80),
        ];
        var kernel = new SingleCellKernel(morphology, new PassiveMembrane(true, 1e-4, -65), synapses, [], 0.025, -65, CableSolveMode.Factorized);
        for (var s = 0; s < synapses.Length; s++)
        {
            for (var k = 0; k < 40; k++)
            {
                kernel.AddSpike(s, 0.3 + 0.9 * k + 0.1 * s);
            }
        }

        return kernel;
    }

    /// <summary>
    /// A priori bound on the rounding error of our n-term dot products: each SIMD lane sums about n/4 products, then the
    /// lanes and the scalar tail (fewer than 4 terms) are added, so |error| ≤ (n/4 + 8)·u·Σ|a·b| to first order, u = 2⁻⁵³.
    /// </summary>
    private static double ErrorBound(int n, double magnitude) => (n / 4.0 + 8) * Math.Pow(2, -53) * magnitude;

    /// <summary>Σ a·b with Kahan–Babuška compensation, and Σ |a·b| (the scale of the rounding error).</summary>
    private static (double Sum, double Magnitude) KahanDot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0, compensation = 0, magnitude = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var p = a[i] * b[i];
            magnitude += Math.Abs(p);
            var t = sum + p;
            compensation += Math.Abs(sum) >= Math.Abs(p) ? sum - t + p : p - t + sum;
            sum = t;
        }

        return (sum + compensation, magnitude);
    }
}
