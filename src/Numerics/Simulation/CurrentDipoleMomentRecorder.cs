using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
        var n = _mx.Length;
        if (membraneCurrentsNa.Length != n)
        {
            throw new ArgumentException($"{membraneCurrentsNa.Length} currents given; the cell has {n} segments.", nameof(membraneCurrentsNa));
        }

        // One pass over the currents for all three components (they are read once, the midpoints stream).
        ref var i0 = ref MemoryMarshal.GetReference(membraneCurrentsNa);
        ref var x = ref MemoryMarshal.GetArrayDataReference(_mx);
        ref var y = ref MemoryMarshal.GetArrayDataReference(_my);
        ref var z = ref MemoryMarshal.GetArrayDataReference(_mz);
        var body = Vector.IsHardwareAccelerated ? n - n % Vector<double>.Count : 0;
        Vector<double> ax = Vector<double>.Zero, ay = ax, az = ax;
        for (var k = 0; k < body; k += Vector<double>.Count)
        {
            var o = (nuint)k;
            var current = Vector.LoadUnsafe(ref i0, o);
            ax = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref x, o), current, ax);
            ay = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref y, o), current, ay);
            az = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref z, o), current, az);
        }

        double px = 0, py = 0, pz = 0;
        if (body > 0)
        {
            px = Vector.Sum(ax);
            py = Vector.Sum(ay);
            pz = Vector.Sum(az);
        }

        for (var k = body; k < n; k++)
        {
            var current = Unsafe.Add(ref i0, k);
            px = Math.FusedMultiplyAdd(Unsafe.Add(ref x, k), current, px);
            py = Math.FusedMultiplyAdd(Unsafe.Add(ref y, k), current, py);
            pz = Math.FusedMultiplyAdd(Unsafe.Add(ref z, k), current, pz);
        }

        Moment[0][sampleIndex] = px;
        Moment[1][sampleIndex] = py;
        Moment[2][sampleIndex] = pz;
    }

    /// <inheritdoc/>
    public void Complete()
    {
    }
}
