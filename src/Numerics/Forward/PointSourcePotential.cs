using HybridLfp.Streaming.Numerics.Geometry;

namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>
/// Point-source potential (LFPykit's <c>PointSourcePotential</c>): M[j, i] = 1 / (4πσ|r_i − r_j|), mV/nA, with r_i
/// the midpoint of segment i and r_j measurement site j (µm). Assumptions: infinite, homogeneous, isotropic, linear
/// medium (σ S/m); every segment a point source at its midpoint; |r_i − r_j| ≥ d_i/2.
/// </summary>
public sealed class PointSourcePotential : ILinearModel
{
    private readonly Vec3[] _sites;
    private readonly double _sigma;

    public PointSourcePotential(double[] x, double[] y, double[] z, double sigmaSPerM)
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
            PointSourceFormulas.Isotropic(cell, _sites[j], _sigma, rLimit, values.AsSpan(j * n, n));
        }

        return new TransformationMatrix(_sites.Length, n, values);
    }
}
