namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>
/// Magnetic field of a current dipole in an infinite homogeneous medium (LFPykit's
/// <c>InfiniteHomogeneousVolCondMEG</c>, Biot–Savart for the dipole alone): H = p × R / (4π|R|³), R = sensor − dipole
/// location (µm), p in nA·µm, H in nA/µm; B = μ·H with μ = 4π·10⁻⁷ T·m/A by default. M has 3 rows per sensor
/// (Hx, Hy, Hz of sensor s in rows 3s..3s+2) and 3 columns (p components): M[3s + a, b] = LFPykit's M[s, a, b].
/// </summary>
public sealed class InfiniteHomogeneousVolCondMEG : IDipoleModel
{
    private readonly Vec3[] _sensors;

    /// <summary>Permeability μ used by <see cref="CalculateB"/>, T·m/A.</summary>
    public double Mu { get; }

    public InfiniteHomogeneousVolCondMEG(IReadOnlyList<Vec3> sensorLocationsUm, double mu = 4 * Math.PI * 1e-7)
    {
        ArgumentNullException.ThrowIfNull(sensorLocationsUm, "sensor_locations");
        _sensors = [.. sensorLocationsUm];
        Mu = mu;
    }

    public int OutputCount => 3 * _sensors.Length;

    public TransformationMatrix GetTransformationMatrix(Vec3 dipoleLocationUm)
    {
        var m = new double[_sensors.Length * 9];
        for (var s = 0; s < _sensors.Length; s++)
        {
            var r = _sensors[s] - dipoleLocationUm;
            var norm = r.Norm;
            if (norm == 0)
            {
                throw new ArgumentException($"sensor {s} coincides with the dipole location.", "sensor_locations");
            }

            var denom = 4 * Math.PI * (norm * norm * norm);
            for (var b = 0; b < 3; b++)
            {
                var h = Vec3.Unit(b).Cross(r);
                m[(3 * s) * 3 + b] = h.X / denom;
                m[(3 * s + 1) * 3 + b] = h.Y / denom;
                m[(3 * s + 2) * 3 + b] = h.Z / denom;
            }
        }

        return new TransformationMatrix(3 * _sensors.Length, 3, m);
    }

    /// <summary>H (nA/µm) for dipole moments p [3][n_t] (nA·µm): rows 3s + a as in M.</summary>
    public double[][] CalculateH(IReadOnlyList<double[]> p, Vec3 dipoleLocationUm) => GetTransformationMatrix(dipoleLocationUm).Apply(p);

    /// <summary>B = μ·H (nA·T/(A·µm), LFPykit's unit) for dipole moments p [3][n_t] (nA·µm).</summary>
    public double[][] CalculateB(IReadOnlyList<double[]> p, Vec3 dipoleLocationUm) =>
        CalculateH(p, dipoleLocationUm).Select(row => row.Select(v => Mu * v).ToArray()).ToArray();
}
