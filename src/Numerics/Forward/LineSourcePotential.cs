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
        _sites = IsotropicSitePotential.Sites(x, y, z, sigmaSPerM);
        _sigma = sigmaSPerM;
    }

    public int OutputCount => _sites.Length;

    public TransformationMatrix GetTransformationMatrix(CellGeometry cell) =>
        IsotropicSitePotential.Matrix(cell, _sites, _sigma, LineSourceFormulas.LineSource);
}
