namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>
/// Extracellular conductivity σ, S/m: either scalar (isotropic) or diagonal anisotropic [σx, σy, σz] with the axes of
/// the cell coordinate system as principal axes.
/// </summary>
public readonly record struct Conductivity
{
    /// <summary>σ along x, S/m.</summary>
    public double SigmaXSPerM { get; }
    /// <summary>σ along y, S/m.</summary>
    public double SigmaYSPerM { get; }
    /// <summary>σ along z, S/m.</summary>
    public double SigmaZSPerM { get; }
    /// <summary>True when built from three components (LFPy then uses the anisotropic formulas even if equal).</summary>
    public bool IsAnisotropic { get; }

    private Conductivity(double sx, double sy, double sz, bool anisotropic)
    {
        SigmaXSPerM = sx;
        SigmaYSPerM = sy;
        SigmaZSPerM = sz;
        IsAnisotropic = anisotropic;
    }

    /// <summary>Scalar σ (S/m, &gt; 0).</summary>
    public static Conductivity Isotropic(double sigmaSPerM, string parameterName = "sigma")
    {
        ParameterChecks.Positive(sigmaSPerM, parameterName, "S/m");
        return new Conductivity(sigmaSPerM, sigmaSPerM, sigmaSPerM, false);
    }

    /// <summary>Anisotropic σ = [σx, σy, σz] (S/m, each &gt; 0).</summary>
    public static Conductivity Anisotropic(double sx, double sy, double sz, string parameterName = "sigma")
    {
        ParameterChecks.Positive(sx, parameterName + "[0]", "S/m");
        ParameterChecks.Positive(sy, parameterName + "[1]", "S/m");
        ParameterChecks.Positive(sz, parameterName + "[2]", "S/m");
        return new Conductivity(sx, sy, sz, true);
    }

    /// <summary>Scalar σ; only valid for an isotropic conductivity.</summary>
    public double ScalarSPerM => IsAnisotropic
        ? throw new InvalidOperationException("the conductivity is anisotropic")
        : SigmaXSPerM;
}
