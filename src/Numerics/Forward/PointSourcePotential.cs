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
        _sites = IsotropicSitePotential.Sites(x, y, z, sigmaSPerM);
        _sigma = sigmaSPerM;
    }

    public int OutputCount => _sites.Length;

    public TransformationMatrix GetTransformationMatrix(CellGeometry cell) =>
        IsotropicSitePotential.Matrix(cell, _sites, _sigma, PointSourceFormulas.Isotropic);
}
