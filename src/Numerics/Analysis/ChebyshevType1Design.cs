using System.Numerics;

namespace HybridLfp.Streaming.Numerics.Analysis;

/// <summary>
/// Digital Chebyshev type I low-pass design in second-order sections, following the published steps of scipy's
/// <c>cheby1(N, rp, Wn, output='sos')</c>: analog prototype poles p_m = −sinh(μ + iθ_m) with
/// ε = sqrt(10^{rp/10} − 1), μ = asinh(1/ε)/N, θ_m = π m / (2N), m = −N+1, −N+3, …, N−1; gain ∏(−p) (divided by
/// sqrt(1+ε²) for even N); frequency pre-warping ω = 4 tan(π Wn / 2) (fs = 2); bilinear transform
/// z = (4 + s)/(4 − s) with all N zeros at z = −1; then scipy's <c>zpk2sos</c> "nearest" pairing (poles closest to
/// the unit circle go last, overall gain in the first section).
/// </summary>
public static class ChebyshevType1Design
{
    /// <summary>
    /// Low-pass sections. <paramref name="order"/> N ≥ 1, <paramref name="rippleDb"/> pass-band ripple (dB),
    /// <paramref name="cutoff"/> Wn in (0, 1) as a fraction of the Nyquist frequency.
    /// </summary>
    public static SecondOrderSections Lowpass(int order, double rippleDb, double cutoff)
    {
        if (order < 1 || !(rippleDb > 0) || !(cutoff > 0 && cutoff < 1))
        {
            throw new ArgumentException($"cheby1 needs order ≥ 1, ripple > 0 dB and 0 < cutoff < 1 (got {order}, {rippleDb}, {cutoff})");
        }

        // Analog prototype (cutoff 1 rad/s).
        var eps = Math.Sqrt(Math.Pow(10, 0.1 * rippleDb) - 1.0);
        var mu = 1.0 / order * Math.Asinh(1 / eps);
        var poles = new Complex[order];
        var gainProduct = Complex.One;
        for (var i = 0; i < order; i++)
        {
            var m = -order + 1 + 2 * i;
            var theta = Math.PI * m / (2.0 * order);
            poles[i] = -Complex.Sinh(new Complex(mu, theta));
            gainProduct *= -poles[i];
        }

        var k = gainProduct.Real;
        if (order % 2 == 0)
        {
            k /= Math.Sqrt(1 + eps * eps);
        }

        // Low-pass to low-pass at the pre-warped cutoff (fs = 2).
        const double fs = 2.0;
        var warped = 2 * fs * Math.Tan(Math.PI * cutoff / fs);
        for (var i = 0; i < order; i++)
        {
            poles[i] *= warped;
        }

        k *= Math.Pow(warped, order);

        // Bilinear transform.
        const double fs2 = 2 * fs;
        var denominator = Complex.One;
        for (var i = 0; i < order; i++)
        {
            denominator *= fs2 - poles[i];
            poles[i] = (fs2 + poles[i]) / (fs2 - poles[i]);
        }

        k *= (Complex.One / denominator).Real;
        var zeros = Enumerable.Repeat(new Complex(-1, 0), order).ToArray();
        return ZpkToSos.Nearest(zeros, poles, k);
    }
}
