using System.Numerics;

namespace HybridLfp.Streaming.Numerics.Analysis;

/// <summary>
/// hybridLFPy's <c>movav</c>: a circular moving average computed through the FFT. The kernel has
/// n = round(Dx/dx) and weight 1/n at the first ⌊n/2⌋ and the last ⌊n/2⌋ positions (so for even n the window
/// covers lags −n/2…n/2−1, for odd n it has n−1 taps). Quirk kept for compatibility: when n rounds to 1 but
/// Dx &gt; dx, ⌊n/2⌋ = 0 and numpy's <c>r[-0:]</c> selects the whole kernel, so every tap is 1.
/// </summary>
public static class MovingAverage
{
    /// <summary>Smooths <paramref name="y"/> with a window of <paramref name="window"/> over sampling step
    /// <paramref name="step"/> (same unit, e.g. Hz for spectra). Returns <paramref name="y"/>'s copy when window ≤ step.</summary>
    public static Complex[] Apply(ReadOnlySpan<Complex> y, double window, double step)
    {
        if (window <= step)
        {
            return y.ToArray();
        }

        var length = y.Length;
        var n = (int)Math.Round(window / step, MidpointRounding.ToEven);
        var half = n / 2;
        var kernel = new Complex[length];
        if (half == 0)
        {
            Array.Fill(kernel, new Complex(1.0 / n, 0));
        }
        else
        {
            for (var i = 0; i < Math.Min(half, length); i++)
            {
                kernel[i] = 1.0 / n;
            }

            for (var i = Math.Max(0, length - half); i < length; i++)
            {
                kernel[i] = 1.0 / n;
            }
        }

        var r = FourierTransform.Forward(kernel);
        var yf = FourierTransform.Forward(y);
        for (var i = 0; i < length; i++)
        {
            yf[i] *= r[i];
        }

        return FourierTransform.Inverse(yf);
    }

    /// <summary>Real-input overload; the result is complex as in hybridLFPy (take the real part or modulus as needed).</summary>
    public static Complex[] Apply(ReadOnlySpan<double> y, double window, double step)
    {
        var c = new Complex[y.Length];
        for (var i = 0; i < y.Length; i++)
        {
            c[i] = y[i];
        }

        return Apply(c, window, step);
    }
}
