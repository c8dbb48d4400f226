namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>
/// Potential of a current dipole in an infinite homogeneous isotropic medium (LFPykit's
/// <c>InfiniteVolumeConductor</c>): φ = p·R / (4πσ|R|³) with R = contact − dipole location (µm), p in nA·µm,
/// σ in S/m, φ in mV. M is n_contacts × 3 (mV per nA·µm). Valid far from the sources (|R| ≫ cell extent).
/// </summary>
public sealed class InfiniteVolumeConductor : IDipoleModel
{
    private readonly Vec3[] _contacts;
    private readonly double _sigma;

    /// <param name="contactsUm">measurement sites, µm</param>
    /// <param name="sigmaSPerM">conductivity, S/m (&gt; 0)</param>
    public InfiniteVolumeConductor(IReadOnlyList<Vec3> contactsUm, double sigmaSPerM = 0.3)
    {
        ArgumentNullException.ThrowIfNull(contactsUm, "r");
        ParameterChecks.Positive(sigmaSPerM, "sigma", "S/m");
        _contacts = [.. contactsUm];
        _sigma = sigmaSPerM;
    }

    public int OutputCount => _contacts.Length;

    public TransformationMatrix GetTransformationMatrix(Vec3 dipoleLocationUm)
    {
        var m = new double[_contacts.Length * 3];
        for (var j = 0; j < _contacts.Length; j++)
        {
            var r = _contacts[j] - dipoleLocationUm;
            var norm = r.Norm;
            if (norm == 0)
            {
                throw new ArgumentException($"contact {j} coincides with the dipole location.", "r");
            }

            var denom = 4 * Math.PI * _sigma * (norm * norm * norm);
            m[3 * j] = r.X / denom;
            m[3 * j + 1] = r.Y / denom;
            m[3 * j + 2] = r.Z / denom;
        }

        return new TransformationMatrix(_contacts.Length, 3, m);
    }
}
