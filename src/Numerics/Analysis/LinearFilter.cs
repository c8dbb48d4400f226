namespace HybridLfp.Streaming.Numerics.Analysis;

/// <summary>Direct IIR filtering y = lfilter(b, a, x) (transposed direct form II, zero initial state).</summary>
public static class LinearFilter
{
    /// <summary>Filters <paramref name="x"/> by numerator <paramref name="b"/> and denominator <paramref name="a"/> (a[0] ≠ 0).</summary>
    public static double[] Apply(IReadOnlyList<double> b, IReadOnlyList<double> a, ReadOnlySpan<double> x)
    {
        if (b.Count == 0 || a.Count == 0 || a[0] == 0)
        {
            throw new ArgumentException("lfilter needs non-empty b and a with a[0] ≠ 0");
        }

        var n = Math.Max(a.Count, b.Count);
        var bn = new double[n];
        var an = new double[n];
        for (var i = 0; i < b.Count; i++)
        {
            bn[i] = b[i] / a[0];
        }

        for (var i = 0; i < a.Count; i++)
        {
            an[i] = a[i] / a[0];
        }

        var z = new double[n];
        var y = new double[x.Length];
        for (var k = 0; k < x.Length; k++)
        {
            var yk = bn[0] * x[k] + z[0];
            for (var i = 1; i < n; i++)
            {
                z[i - 1] = bn[i] * x[k] - an[i] * yk + (i < n - 1 ? z[i] : 0);
            }

            y[k] = yk;
        }

        return y;
    }
}
