namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>
/// EEG of a current dipole in the four-sphere head model (brain, CSF, skull, scalp; LFPykit's
/// <c>FourSphereVolumeConductor</c>, the corrected model of Næss et al. 2017 / Hagen et al. 2018): concentric
/// shells of radii r1 &lt; r2 &lt; r3 &lt; r4 (µm) with conductivities σ1..σ4 (S/m), each homogeneous, isotropic, linear.
/// The dipole (nA·µm) lies inside the brain sphere (0 &lt; |r_z| &lt; r1) and every electrode (µm) inside the scalp
/// (|r| ≤ r4) and farther from the centre than the dipole. The potential (mV) is split into the radial and tangential
/// dipole parts, each a Legendre series summed until a term falls below <c>iter_factor</c> × the running sum
/// (× 1e-6 more for electrodes in the brain), exactly as LFPykit stops. M is n_electrodes × 3 (mV per nA·µm).
/// </summary>
public sealed class FourSphereVolumeConductor : IDipoleModel
{
    private readonly Vec3[] _electrodes;
    private readonly double[] _electrodeRadius;
    private readonly double _r1, _r2, _r3, _r4;
    private readonly double _sigma1;
    private readonly double _r12, _r23, _r34;
    private readonly double _sigma12, _sigma23, _sigma34;
    private readonly double _iterFactor;

    /// <param name="electrodesUm">electrode positions, µm, relative to the head centre</param>
    /// <param name="radiiUm">r1..r4, µm (increasing, &gt; 0)</param>
    /// <param name="sigmasSPerM">σ1..σ4, S/m (&gt; 0)</param>
    /// <param name="iterFactor">relative stopping criterion of the series</param>
    public FourSphereVolumeConductor(IReadOnlyList<Vec3> electrodesUm, IReadOnlyList<double>? radiiUm = null, IReadOnlyList<double>? sigmasSPerM = null, double iterFactor = 2.0 / 99.0 * 1e-6)
    {
        ArgumentNullException.ThrowIfNull(electrodesUm, "r_electrodes");
        radiiUm ??= [79000.0, 80000.0, 85000.0, 90000.0];
        sigmasSPerM ??= [0.3, 1.5, 0.015, 0.3];
        if (radiiUm.Count != 4)
        {
            throw new ArgumentException($"radii must have 4 elements (brain, CSF, skull, scalp), µm; got {radiiUm.Count}.", "radii");
        }

        if (sigmasSPerM.Count != 4)
        {
            throw new ArgumentException($"sigmas must have 4 elements (brain, CSF, skull, scalp), S/m; got {sigmasSPerM.Count}.", "sigmas");
        }

        if (!(radiiUm[0] > 0 && radiiUm[0] < radiiUm[1] && radiiUm[1] < radiiUm[2] && radiiUm[2] < radiiUm[3]))
        {
            throw new ArgumentException($"radii must satisfy 0 < radii[0] < radii[1] < radii[2] < radii[3] (µm); got [{string.Join(", ", radiiUm)}].", "radii");
        }

        for (var k = 0; k < 4; k++)
        {
            ParameterChecks.Positive(sigmasSPerM[k], $"sigmas[{k}]", "S/m");
        }

        ParameterChecks.Positive(iterFactor, "iter_factor", "1");

        (_r1, _r2, _r3, _r4) = (radiiUm[0], radiiUm[1], radiiUm[2], radiiUm[3]);
        _sigma1 = sigmasSPerM[0];
        _r12 = _r1 / _r2;
        _r23 = _r2 / _r3;
        _r34 = _r3 / _r4;
        _sigma12 = sigmasSPerM[0] / sigmasSPerM[1];
        _sigma23 = sigmasSPerM[1] / sigmasSPerM[2];
        _sigma34 = sigmasSPerM[2] / sigmasSPerM[3];
        _iterFactor = iterFactor;

        _electrodes = [.. electrodesUm];
        _electrodeRadius = new double[_electrodes.Length];
        for (var j = 0; j < _electrodes.Length; j++)
        {
            var e = _electrodes[j];
            _electrodeRadius[j] = Math.Sqrt(e.X * e.X + e.Y * e.Y + e.Z * e.Z);
            if (_electrodeRadius[j] > _r4)
            {
                throw new ArgumentException(
                    $"r_electrodes[{j}] lies outside the head model: |r| = {_electrodeRadius[j]} µm > radii[3] = {_r4} µm.", "r_electrodes");
            }
        }
    }

    public int OutputCount => _electrodes.Length;

    public TransformationMatrix GetTransformationMatrix(Vec3 dipoleLocationUm)
    {
        var rzLoc = dipoleLocationUm;
        var rz = Math.Sqrt(rzLoc.X * rzLoc.X + rzLoc.Y * rzLoc.Y + rzLoc.Z * rzLoc.Z);
        if (rz == 0)
        {
            throw new ArgumentException("dipole_location must not be the centre of the head model (division by zero).", "dipole_location");
        }

        var rz1 = rz / _r1;
        if (rz1 >= 1)
        {
            throw new ArgumentException($"dipole_location must lie inside the brain: |r_z| = {rz} µm ≥ radii[0] = {_r1} µm.", "dipole_location");
        }

        var zHat = new Vec3(rzLoc.X / rz, rzLoc.Y / rz, rzLoc.Z / rz);
        var m = new double[_electrodes.Length * 3];
        var series = new Series(this, rz, rz1);
        for (var j = 0; j < _electrodes.Length; j++)
        {
            var e = _electrodes[j];
            var r = _electrodeRadius[j];
            if (r <= rz)
            {
                throw new ArgumentException($"r_electrodes[{j}] (|r| = {r} µm) must be farther from the centre than the dipole (|r_z| = {rz} µm).", "r_electrodes");
            }

            var cosTheta = e.Dot(rzLoc) / (r * rz);
            var theta = Math.Acos(cosTheta);
            if (double.IsNaN(theta))
            {
                theta = 0;
            }

            var x = Math.Cos(theta);

            // Radial part: φ = (ẑ·p) / (4πσ1 r_z²) · Σ n·(…)·P_n(cos θ).
            var radial = series.Radial(r, x) / (4 * Math.PI * _sigma1 * rz * rz);

            // Tangential part: φ = −(p·r̂_uv) / (4πσ1 r_z²) · Σ (…)·P_n^1(cos θ), with r̂_uv the unit electrode direction
            // in the plane normal to ẑ (zero on the dipole axis).
            double tangential = 0;
            var ruv = e - (e.Dot(rzLoc) / rz) * zHat;
            var ruvNorm = ruv.Norm;
            if (theta != 0 && theta != Math.PI && ruvNorm > 0)
            {
                tangential = -series.Tangential(r, x) / (4 * Math.PI * _sigma1 * rz * rz) / ruvNorm;
            }

            for (var k = 0; k < 3; k++)
            {
                // Tangential component of the unit dipole e_k along r_uv is e_k·r_uv (r_uv ⟂ ẑ).
                m[3 * j + k] = zHat[k] * radial + ruv[k] * tangential;
            }
        }

        return new TransformationMatrix(_electrodes.Length, 3, m);
    }

    /// <summary>Potential (mV) for dipole moments p [3][n_t] (nA·µm) at a location (µm): M · p.</summary>
    public double[][] GetDipolePotential(IReadOnlyList<double[]> p, Vec3 dipoleLocationUm) => GetTransformationMatrix(dipoleLocationUm).Apply(p);

    /// <summary>The shell coefficients for one dipole radius (Næss et al. 2017, appendix).</summary>
    private readonly struct Series(FourSphereVolumeConductor h, double rz, double rz1)
    {
        public double Radial(double r, double x) => Sum(r, x, weightByN: true);

        public double Tangential(double r, double x) => Sum(r, x, weightByN: false);

        private double Sum(double r, double x, bool weightByN)
        {
            // Terms for n = 1, 2, … until one falls below the stopping fraction of the running sum (LFPykit's rule; the
            // first failing term is kept).
            var stop = h._iterFactor * (r <= h._r1 && weightByN ? 1e-6 : 1.0);
            var consts = new List<double>();
            double coeffSum = 0;
            double term = 1;
            for (var n = 1; term > stop * coeffSum; n++)
            {
                term = Coefficient(n, r);
                if (weightByN)
                {
                    term *= n;
                }

                coeffSum += term;
                consts.Add(term);
                if (n > 1_000_000)
                {
                    throw new InvalidOperationException("four-sphere series does not converge (dipole too close to the brain surface?).");
                }
            }

            if (weightByN)
            {
                Span<double> c = new double[consts.Count + 1];
                for (var k = 0; k < consts.Count; k++)
                {
                    c[k + 1] = consts[k];
                }

                return LegendreSeries.Evaluate(c, x);
            }

            return LegendreSeries.SumOrder1(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(consts), x);
        }

        /// <summary>The n-th shell coefficient at radius r (µm), by the shell the electrode is in.</summary>
        private double Coefficient(int n, double r)
        {
            if (r <= h._r1)
            {
                var c1 = C1(n);
                return c1 * Math.Pow(r / h._r1, n) + Math.Pow(rz / r, n + 1);
            }

            if (r <= h._r2)
            {
                return CsfTerm1(n, r) + CsfTerm2(n, r);
            }

            if (r <= h._r3)
            {
                var c3 = C3(n);
                var d3 = V(n) * c3;
                return c3 * Math.Pow(r / h._r3, n) + d3 * Math.Pow(h._r3 / r, n + 1);
            }

            var c4 = C4(n);
            var d4 = n / (n + 1.0) * c4;
            return c4 * Math.Pow(r / h._r4, n) + d4 * Math.Pow(h._r4 / r, n + 1);
        }

        private double V(int n)
        {
            var rConst = (Math.Pow(h._r34, 2 * n + 1) - 1) / ((n + 1.0) / n * Math.Pow(h._r34, 2 * n + 1) + 1);
            if (h._sigma23 + rConst == 0.0)
            {
                return 1e12;
            }

            return (n / (n + 1.0) * h._sigma34 - rConst) / (h._sigma34 + rConst);
        }

        private double Y(int n)
        {
            var vn = V(n);
            var rConst = (n / (n + 1.0) * Math.Pow(h._r23, 2 * n + 1) - vn) / (Math.Pow(h._r23, 2 * n + 1) + vn);
            if (h._sigma23 + rConst == 0.0)
            {
                return 1e12;
            }

            return (n / (n + 1.0) * h._sigma23 - rConst) / (h._sigma23 + rConst);
        }

        private double Z(int n)
        {
            var yn = Y(n);
            return (Math.Pow(h._r12, 2 * n + 1) - (n + 1.0) / n * yn) / (Math.Pow(h._r12, 2 * n + 1) + yn);
        }

        private double C1(int n)
        {
            var zn = Z(n);
            return ((n + 1.0) / n * h._sigma12 + zn) / (h._sigma12 - zn) * Math.Pow(rz1, n + 1);
        }

        private double C2(int n)
        {
            var yn = Y(n);
            var c1 = C1(n);
            return (c1 + Math.Pow(rz1, n + 1)) * Math.Pow(h._r12, n + 1) / (Math.Pow(h._r12, 2 * n + 1) + yn);
        }

        private double C3(int n)
        {
            var vn = V(n);
            var c2 = C2(n);
            var d2 = Y(n) * c2;
            return (c2 + d2) * Math.Pow(h._r23, n + 1) / (Math.Pow(h._r23, 2 * n + 1) + vn);
        }

        private double C4(int n)
        {
            var c3 = C3(n);
            var d3 = V(n) * c3;
            return (n + 1.0) / n * Math.Pow(h._r34, n + 1) * (c3 + d3) / ((n + 1.0) / n * Math.Pow(h._r34, 2 * n + 1) + 1);
        }

        private double CsfTerm1(int n, double r)
        {
            var yn = Y(n);
            var c1 = C1(n);
            return (c1 + Math.Pow(rz1, n + 1)) * h._r12 * Math.Pow(h._r1 * r / (h._r2 * h._r2), n) / (Math.Pow(h._r12, 2 * n + 1) + yn);
        }

        private double CsfTerm2(int n, double r)
        {
            var yn = Y(n);
            var c1 = C1(n);
            return yn * (c1 + Math.Pow(rz1, n + 1)) / (r / h._r2 * Math.Pow(h._r1 * r / (h._r2 * h._r2), n) + Math.Pow(r / h._r1, n + 1) * yn);
        }
    }
}
