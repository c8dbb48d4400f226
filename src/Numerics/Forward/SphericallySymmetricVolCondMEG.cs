namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>
/// Magnetic field outside a spherically symmetric conductor for a current dipole inside it (LFPykit's
/// <c>SphericallySymmetricVolCondMEG</c>, Sarvas 1987; volume currents included): with a = r − r_p,
/// F = |a|(|r||a| + |r|² − r_p·r) and ∇F = (|a|²/|r| + a·r/|a| + 2|a| + 2|r|)·r − (|a| + 2|r| + a·r/|a|)·r_p,
/// H = (F·(p × r_p) − ((p × r_p)·r)·∇F) / (4πF²). Positions µm (sphere centred at the origin, every sensor farther
/// from the centre than the dipole), p nA·µm, H nA/µm, B = μH. Rows as in <see cref="InfiniteHomogeneousVolCondMEG"/>.
/// </summary>
public sealed class SphericallySymmetricVolCondMEG : IDipoleModel
{
    private readonly Vec3[] _sensors;

    /// <summary>Permeability μ used by <see cref="CalculateB"/>, T·m/A.</summary>
    public double Mu { get; }

    public SphericallySymmetricVolCondMEG(IReadOnlyList<Vec3> sensorLocationsUm, double mu = 4 * Math.PI * 1e-7)
    {
        ArgumentNullException.ThrowIfNull(sensorLocationsUm, "r");
        _sensors = [.. sensorLocationsUm];
        Mu = mu;
    }

    public int OutputCount => 3 * _sensors.Length;

    public TransformationMatrix GetTransformationMatrix(Vec3 dipoleLocationUm)
    {
        var rp = dipoleLocationUm;
        var m = new double[_sensors.Length * 9];
        for (var s = 0; s < _sensors.Length; s++)
        {
            var ri = _sensors[s];
            if (!(ri.Norm > rp.Norm))
            {
                throw new ArgumentException($"sensor {s} (|r| = {ri.Norm} µm) must be farther from the centre than the dipole (|r_p| = {rp.Norm} µm).", "r");
            }

            var a = ri - rp;
            var an = a.Norm;
            var rn = ri.Norm;
            var f = an * (rn * an + rn * rn - rp.Dot(ri));
            var ar = a.Dot(ri);
            var gradF = (an * an / rn + ar / an + 2 * an + 2 * rn) * ri - (an + 2 * rn + ar / an) * rp;
            for (var b = 0; b < 3; b++)
            {
                var pxrp = Vec3.Unit(b).Cross(rp);
                var h = f * pxrp - pxrp.Dot(ri) * gradF;
                var scale = 1.0 / (f * f) / 4 / Math.PI;
                m[(3 * s) * 3 + b] = h.X * scale;
                m[(3 * s + 1) * 3 + b] = h.Y * scale;
                m[(3 * s + 2) * 3 + b] = h.Z * scale;
            }
        }

        return new TransformationMatrix(3 * _sensors.Length, 3, m);
    }

    /// <summary>H (nA/µm) for dipole moments p [3][n_t] (nA·µm).</summary>
    public double[][] CalculateH(IReadOnlyList<double[]> p, Vec3 dipoleLocationUm) => GetTransformationMatrix(dipoleLocationUm).Apply(p);

    /// <summary>B = μ·H for dipole moments p [3][n_t] (nA·µm).</summary>
    public double[][] CalculateB(IReadOnlyList<double[]> p, Vec3 dipoleLocationUm) =>
        CalculateH(p, dipoleLocationUm).Select(row => row.Select(v => Mu * v).ToArray()).ToArray();
}
