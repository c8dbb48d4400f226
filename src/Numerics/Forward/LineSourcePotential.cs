using HybridLfp.Streaming.Numerics.Geometry;

namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>
/// Line-source potential (LFPykit's <c>LineSourcePotential</c>): M[j, i] = 1/(4πσL_i) · log|(sqrt(h² + r²) − h) /
/// (sqrt(l² + r²) − l)|, mV/nA (see <see cref="LineSourceFormulas"/>). Assumptions: infinite, homogeneous,
/// isotropic, linear medium (σ S/m); every segment a straight line source with uniform current density; sites are
/// points (µm); the minimum distance to a line source is the segment radius.
/// </summary>
public sealed class LineSourcePotential : ILinearModel
{
    private readonly Vec3[] _sites;
    private readonly double _sigma;

    public LineSourcePotential(double[] x, double[] y, double[] z, double sigmaSPerM)
    {
        ParameterChecks.SameLength(x, y, z, "x", "y", "z");
        ParameterChecks.Positive(sigmaSPerM, "sigma", "S/m");
        _sites = Enumerable.Range(0, x.Length).Select(i => new Vec3(x[i], y[i], z[i])).ToArray();
        _sigma = sigmaSPerM;
    }

    public int OutputCount => _sites.Length;

    public TransformationMatrix GetTransformationMatrix(CellGeometry cell)
    {
        var n = cell.SegmentCount;
        var rLimit = RecExtElectrode.RadiusLimits(cell);
        var values = new double[_sites.Length * n];
        for (var j = 0; j < _sites.Length; j++)
        {
            LineSourceFormulas.LineSource(cell, _sites[j], _sigma, rLimit, values.AsSpan(j * n, n));
        }

        return new TransformationMatrix(_sites.Length, n, values);
    }
}
