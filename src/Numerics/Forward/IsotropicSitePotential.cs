using HybridLfp.Streaming.Numerics.Geometry;

namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>
/// What <see cref="PointSourcePotential"/> and <see cref="LineSourcePotential"/> share: checked measurement sites (µm)
/// in an infinite homogeneous medium (σ S/m), and a matrix built one site row at a time by a source formula.
/// </summary>
internal static class IsotropicSitePotential
{
    /// <summary>Fills <paramref name="row"/> (one entry per segment, mV/nA) for the site <paramref name="p"/>.</summary>
    internal delegate void RowFormula(CellGeometry cell, Vec3 p, double sigma, ReadOnlySpan<double> rLimit, Span<double> row);

    /// <summary>Checks the site coordinates (µm) and σ (S/m, &gt; 0) and returns the sites.</summary>
    internal static Vec3[] Sites(double[] x, double[] y, double[] z, double sigmaSPerM)
    {
        ParameterChecks.SameLength(x, y, z, "x", "y", "z");
        ParameterChecks.Positive(sigmaSPerM, "sigma", "S/m");
        return Enumerable.Range(0, x.Length).Select(i => new Vec3(x[i], y[i], z[i])).ToArray();
    }

    /// <summary>M[j, i] = formula(site j, segment i), mV/nA, with LFPy's minimum distance (segment radius).</summary>
    internal static TransformationMatrix Matrix(CellGeometry cell, Vec3[] sites, double sigma, RowFormula formula)
    {
        var n = cell.SegmentCount;
        var rLimit = RecExtElectrode.RadiusLimits(cell);
        var values = new double[sites.Length * n];
        for (var j = 0; j < sites.Length; j++)
        {
            formula(cell, sites[j], sigma, rLimit, values.AsSpan(j * n, n));
        }

        return new TransformationMatrix(sites.Length, n, values);
    }
}
