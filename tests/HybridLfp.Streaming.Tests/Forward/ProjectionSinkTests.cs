using HybridLfp.Streaming.Numerics.Forward;
using HybridLfp.Streaming.Tests.Support;

namespace HybridLfp.Streaming.Tests.Forward;

/// <summary>Probes at run time: block projection, output decimation, determinism and allocation-free streaming.</summary>
public sealed class ProjectionSinkTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(1000)]
    public void StreamedProjectionOfReferenceImemReproducesReferenceLfp(int blockSamples)
    {
        using var reference = ReferenceCase.OpenCase("bs_expsyni");
        var cell = ForwardTestData.GeometryOf(reference.Outputs.GetProperty("geometry"));
        var el = reference.Inputs.GetProperty("electrode");
        var electrode = new RecExtElectrode(ReferenceCase.Vector(el.GetProperty("x")), ReferenceCase.Vector(el.GetProperty("y")),
            ReferenceCase.Vector(el.GetProperty("z")), Conductivity.Isotropic(el.GetProperty("sigma").GetDouble()), ExtracellularMethod.LineSource);
        var m = electrode.GetTransformationMatrix(cell);
        var imem = ReferenceCase.Matrix(reference.Outputs.GetProperty("imem"));
        var recorder = new ProjectionRecorder(m.Rows);
        var sink = new ProjectionSink(m, recorder, blockSamples);
        Stream(imem, sink);
        Assert.True(recorder.IsComplete);
        var expected = ReferenceCase.Matrix(reference.Outputs.GetProperty("lfp").GetProperty("linesource"));
        var error = ReferenceCase.ErrorRelativeToMax(expected, recorder.ToArray());
        Assert.True(error <= ForwardTestData.Tolerance, $"error {error:E3}");
    }

    [Fact]
    public void ResultDoesNotDependOnBlockSize()
    {
        var (m, currents) = RandomProblem(rows: 5, segments: 37, samples: 203, seed: 11);
        double[][]? first = null;
        foreach (var block in new[] { 1, 3, 4, 64, 500 })
        {
            var recorder = new ProjectionRecorder(m.Rows);
            Stream(currents, new ProjectionSink(m, recorder, block));
            var result = recorder.ToArray();
            first ??= result;
            for (var r = 0; r < m.Rows; r++)
            {
                Assert.Equal(first[r], result[r]); // bit-identical
            }
        }
    }

    [Theory]
    [InlineData(3, 13, 9)]  // SIMD body, scalar tail, odd row and sample counts
    [InlineData(5, 3, 7)]   // fewer inputs than one vector: scalar path only
    [InlineData(2, 64, 4)]  // exact vectors, one 2×4 pass
    public void BlockApplicationEqualsPlainMatrixProduct(int rows, int segments, int samples)
    {
        var (m, currents) = RandomProblem(rows, segments, samples, seed: 5);
        var input = new double[samples * segments];
        for (var t = 0; t < samples; t++)
        {
            for (var s = 0; s < segments; s++)
            {
                input[t * segments + s] = currents[s][t];
            }
        }

        var output = new double[samples * rows];
        m.ApplyBlock(input, samples, output);
        for (var t = 0; t < samples; t++)
        {
            for (var r = 0; r < rows; r++)
            {
                var expected = 0.0;
                for (var s = 0; s < segments; s++)
                {
                    expected += m[r, s] * currents[s][t];
                }

                Assert.Equal(expected, output[t * rows + r], 1e-13);
            }
        }
    }

    [Fact]
    public void DecimationBeforeProjectionEqualsAveragingProjections()
    {
        const int factor = 4;
        var (m, currents) = RandomProblem(rows: 6, segments: 50, samples: 4 * 100 + 3, seed: 3);

        var decimated = new ProjectionRecorder(m.Rows);
        Stream(currents, new DecimatingCurrentSink(new ProjectionSink(m, decimated, 16), factor, 50));

        var full = new ProjectionRecorder(m.Rows);
        Stream(currents, new ProjectionSink(m, full, 16));
        var fullRows = full.ToArray();

        var ours = decimated.ToArray();
        Assert.Equal(100, ours[0].Length); // the trailing partial window (3 samples) is dropped
        var expected = fullRows.Select(row => Enumerable.Range(0, 100).Select(j => row.Skip(j * factor).Take(factor).Average()).ToArray()).ToArray();
        var error = ReferenceCase.ErrorRelativeToMax(expected, ours);
        Assert.True(error <= 1e-13, $"error {error:E3}");
    }

    [Fact]
    public void StreamingAllocatesNothingPerSample()
    {
        var (m, currents) = RandomProblem(rows: 16, segments: 100, samples: 1, seed: 1);
        var receiver = new CountingReceiver();
        var sink = new DecimatingCurrentSink(new ProjectionSink(m, receiver, 32), 2, 100);
        var sample = currents.Select(c => c[0]).ToArray();
        for (var t = 0; t < 200; t++)
        {
            sink.OnSample(t, t * 0.1, sample); // warm-up (JIT, tiering)
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var t = 200; t < 20200; t++)
        {
            sink.OnSample(t, t * 0.1, sample);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(10100 / 32 * 32 * 16, receiver.Values); // full blocks only: Complete() was not called
    }

    private static void Stream(double[][] currents, Numerics.Simulation.IMembraneCurrentSink sink)
    {
        var nt = currents[0].Length;
        var sample = new double[currents.Length];
        for (var t = 0; t < nt; t++)
        {
            for (var s = 0; s < currents.Length; s++)
            {
                sample[s] = currents[s][t];
            }

            sink.OnSample(t, t * 0.0625, sample);
        }

        sink.Complete();
    }

    private static (TransformationMatrix M, double[][] Currents) RandomProblem(int rows, int segments, int samples, int seed)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, rows * segments).Select(_ => random.NextDouble() - 0.5).ToArray();
        var currents = Enumerable.Range(0, segments).Select(_ => Enumerable.Range(0, samples).Select(_ => random.NextDouble() - 0.5).ToArray()).ToArray();
        return (new TransformationMatrix(rows, segments, values), currents);
    }

    private sealed class CountingReceiver : IProjectionReceiver
    {
        public long Values { get; private set; }

        public void OnBlock(int firstSampleIndex, int sampleCount, ReadOnlySpan<double> valuesTimeMajor) => Values += valuesTimeMajor.Length;

        public void Complete()
        {
        }
    }
}
