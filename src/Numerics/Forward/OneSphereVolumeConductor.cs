using HybridLfp.Streaming.Numerics.Geometry;

namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>
/// Potential of point sources inside a sphere of radius R (conductivity σ_i) embedded in an infinite medium (σ_o)
/// (LFPykit's <c>OneSphereVolumeConductor</c>, after Deng 2008): M (n_points × n_seg), mV/nA. Each segment is a
/// point source at its midpoint, which must lie inside the sphere (|r| &lt; R); the series is cut after n_max terms;
/// the direct term's distance is at least the segment diameter (LFPykit's rule). Observation points are given in
/// spherical coordinates (radius µm, polar angle θ rad, azimuth φ rad) about the sphere centre; as in LFPykit only
/// the polar-angle difference between source and point enters (azimuth ignored). All media homogeneous, isotropic,
/// linear.
/// </summary>
public sealed class OneSphereVolumeConductor : ILinearModel
{
    private readonly double[] _radius;
    private readonly double[] _theta;
    private readonly double _sphereRadius;
    private readonly double _sigmaI;
    private readonly double _sigmaO;
    private readonly int _nMax;

    /// <param name="sphericalPoints">[3][n_points]: radius (µm), polar angle θ (rad), azimuth φ (rad)</param>
    /// <param name="sphereRadiusUm">R, µm</param>
    /// <param name="sigmaI">conductivity inside, S/m</param>
    /// <param name="sigmaO">conductivity outside, S/m</param>
    /// <param name="nMax">number of series terms</param>
    public OneSphereVolumeConductor(IReadOnlyList<double[]> sphericalPoints, double sphereRadiusUm = 10000.0, double sigmaI = 0.3, double sigmaO = 0.03, int nMax = 1000)
    {
        ArgumentNullException.ThrowIfNull(sphericalPoints, "r");
        if (sphericalPoints.Count != 3 || sphericalPoints[0].Length != sphericalPoints[1].Length || sphericalPoints[0].Length != sphericalPoints[2].Length)
        {
            throw new ArgumentException("r must have shape [3][n_points] (radius, theta, phi).", "r");
        }

        ParameterChecks.Positive(sphereRadiusUm, "R", "µm");
        ParameterChecks.Positive(sigmaI, "sigma_i", "S/m");
        ParameterChecks.Positive(sigmaO, "sigma_o", "S/m");
        if (nMax < 1)
        {
            throw new ArgumentOutOfRangeException("n_max", nMax, "n_max must be ≥ 1.");
        }

        _radius = sphericalPoints[0];
        _theta = sphericalPoints[1];
        _sphereRadius = sphereRadiusUm;
        _sigmaI = sigmaI;
        _sigmaO = sigmaO;
        _nMax = nMax;
    }

    public int OutputCount => _radius.Length;

    public TransformationMatrix GetTransformationMatrix(CellGeometry cell)
    {
        var nSeg = cell.SegmentCount;
        var m = new double[_radius.Length * nSeg];
        var coeffs = new double[_nMax];
        var r2 = _sphereRadius * _sphereRadius;
        for (var i = 0; i < nSeg; i++)
        {
            var xm = cell.XMid(i);
            var ym = cell.YMid(i);
            var zm = cell.ZMid(i);
            var rs = Math.Sqrt(xm * xm + ym * ym + zm * zm);
            if (!(Math.Abs(rs) < _sphereRadius))
            {
                throw new ArgumentException($"segment {i} midpoint lies {rs} µm from the centre, not inside the sphere (R = {_sphereRadius} µm).", nameof(cell));
            }

            var thetaSource = Math.Acos(zm / rs);
            var minDistance = cell.Diameter[i];
            for (var j = 0; j < _radius.Length; j++)
            {
                var r = _radius[j];
                var theta = _theta[j] - thetaSource;
                var cosTheta = Math.Cos(theta);
                double phi;
                if (r <= _sphereRadius)
                {
                    for (var n = 0; n < _nMax; n++)
                    {
                        coeffs[n] = (_sigmaI - _sigmaO) * (n + 1) / (_sigmaI * n + _sigmaO * (n + 1)) * Math.Pow(r * rs / r2, n);
                    }

                    phi = LegendreSeries.Evaluate(coeffs, cosTheta) * (1.0 / _sphereRadius);
                    var denom = Math.Sqrt(r * r + rs * rs - 2 * r * rs * cosTheta);
                    if (denom < minDistance)
                    {
                        denom = minDistance;
                    }

                    phi += 1.0 / denom;
                }
                else
                {
                    for (var n = 0; n < _nMax; n++)
                    {
                        coeffs[n] = _sigmaI * (2 * n + 1) / (_sigmaI * n + _sigmaO * (n + 1)) * Math.Pow(rs / r, n);
                    }

                    phi = LegendreSeries.Evaluate(coeffs, cosTheta) * (1.0 / r);
                }

                m[j * nSeg + i] = 1.0 / (4.0 * Math.PI * _sigmaI) * phi;
            }
        }

        return new TransformationMatrix(_radius.Length, nSeg, m);
    }
}
