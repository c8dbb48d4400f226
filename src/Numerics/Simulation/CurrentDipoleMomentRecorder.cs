using HybridLfp.Streaming.Numerics.Geometry;

namespace HybridLfp.Streaming.Numerics.Simulation;

/// <summary>
/// Current dipole moment p(t) = Σ_seg imem·r_mid (nA·µm; LFPykit's CurrentDipoleMoment, r_mid the segment
/// midpoints) as an <see cref="IMembraneCurrentSink"/>, stored for a fixed number of samples (preallocated; no
/// allocation per sample). Samples beyond the capacity are an error.
/// </summary>
public sealed class CurrentDipoleMomentRecorder : IMembraneCurrentSink
{
    private readonly double[] _mx, _my, _mz;

    /// <param name="geometry">segment geometry (midpoints are taken now; later moves of the cell do not apply).</param>
    /// <param name="sampleCount">number of samples to store.</param>
    public CurrentDipoleMomentRecorder(CellGeometry geometry, int sampleCount)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var n = geometry.SegmentCount;
        _mx = new double[n];
        _my = new double[n];
        _mz = new double[n];
        for (var i = 0; i < n; i++)
        {
            _mx[i] = (geometry.XStart[i] + geometry.XEnd[i]) / 2;
            _my[i] = (geometry.YStart[i] + geometry.YEnd[i]) / 2;
            _mz[i] = (geometry.ZStart[i] + geometry.ZEnd[i]) / 2;
        }

        Moment = [new double[sampleCount], new double[sampleCount], new double[sampleCount]];
    }

    /// <summary>p[component][sample], nA·µm (component 0 = x, 1 = y, 2 = z).</summary>
    public double[][] Moment { get; }

    /// <inheritdoc/>
    public void OnSample(int sampleIndex, double timeMs, ReadOnlySpan<double> membraneCurrentsNa)
    {
        Moment[0][sampleIndex] = Dot(_mx, membraneCurrentsNa);
        Moment[1][sampleIndex] = Dot(_my, membraneCurrentsNa);
        Moment[2][sampleIndex] = Dot(_mz, membraneCurrentsNa);
    }

    private static double Dot(double[] a, ReadOnlySpan<double> b)
    {
        var n = b.Length;
        var i = 0;
        double sum = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated && n >= 2 * System.Numerics.Vector<double>.Count)
        {
            var w = System.Numerics.Vector<double>.Count;
            var acc0 = System.Numerics.Vector<double>.Zero;
            var acc1 = System.Numerics.Vector<double>.Zero;
            var va = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(a.AsSpan(0, n));
            var vb = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(b);
            var k = 0;
            for (; k + 1 < vb.Length; k += 2)
            {
                acc0 += va[k] * vb[k];
                acc1 += va[k + 1] * vb[k + 1];
            }

            for (; k < vb.Length; k++)
            {
                acc0 += va[k] * vb[k];
            }

            sum = System.Numerics.Vector.Sum(acc0 + acc1);
            i = vb.Length * w;
        }

        for (; i < n; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <inheritdoc/>
    public void Complete()
    {
    }
}
