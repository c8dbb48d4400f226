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
        double px = 0, py = 0, pz = 0;
        for (var i = 0; i < membraneCurrentsNa.Length; i++)
        {
            var c = membraneCurrentsNa[i];
            px += _mx[i] * c;
            py += _my[i] * c;
            pz += _mz[i] * c;
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
