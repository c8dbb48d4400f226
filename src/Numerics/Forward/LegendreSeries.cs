namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>Legendre series and associated Legendre functions used by the spherical head models.</summary>
internal static class LegendreSeries
{
    /// <summary>Σ_n c[n]·P_n(x) by Clenshaw's recurrence (the evaluation numpy's Legendre series uses).</summary>
    public static double Evaluate(ReadOnlySpan<double> c, double x)
    {
        if (c.Length == 0)
        {
            return 0;
        }

        double c0, c1;
        if (c.Length == 1)
        {
            c0 = c[0];
            c1 = 0;
        }
        else if (c.Length == 2)
        {
            c0 = c[0];
            c1 = c[1];
        }
        else
        {
            var nd = c.Length;
            c0 = c[^2];
            c1 = c[^1];
            for (var i = 3; i <= c.Length; i++)
            {
                var tmp = c0;
                nd--;
                c0 = c[^i] - c1 * (nd - 1) / nd;
                c1 = tmp + c1 * x * (2 * nd - 1) / nd;
            }
        }

        return c0 + c1 * x;
    }

    /// <summary>
    /// Σ_{n=1..N} c[n−1]·P_n^1(x) with the associated Legendre function of order 1 including the Condon–Shortley
    /// phase (P_1^1(x) = −sqrt(1 − x²)), by the upward recurrence (n − 1)·P_n^1 = (2n − 1)·x·P_{n−1}^1 − n·P_{n−2}^1.
    /// </summary>
    public static double SumOrder1(ReadOnlySpan<double> c, double x)
    {
        var sum = 0.0;
        var pPrev = 0.0; // P_0^1 = 0
        var p = -Math.Sqrt((1 - x) * (1 + x)); // P_1^1
        for (var n = 1; n <= c.Length; n++)
        {
            sum += c[n - 1] * p;
            var next = ((2 * n + 1) * x * p - (n + 1) * pPrev) / n;
            pPrev = p;
            p = next;
        }

        return sum;
    }
}
