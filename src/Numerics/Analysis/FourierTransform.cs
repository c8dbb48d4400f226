using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace HybridLfp.Streaming.Numerics.Analysis;

/// <summary>
/// Discrete Fourier transforms with numpy's conventions (forward unscaled with e^{-2πi kn/N}, inverse scaled by 1/N,
/// frequencies ordered as <c>numpy.fft.fftfreq</c>: 0, positive, then negative), computed by MathNet.Numerics.
/// </summary>
public static class FourierTransform
{
    /// <summary>Frequencies (Hz) of an <paramref name="n"/>-point transform of samples spaced <paramref name="tbinMs"/> ms.</summary>
    public static double[] Frequencies(int n, double tbinMs)
    {
        if (n <= 0 || !(tbinMs > 0))
        {
            throw new ArgumentException($"need n > 0 and tbin > 0 ms (got n={n}, tbin={tbinMs})");
        }

        var d = tbinMs * 1e-3; // s
        var result = new double[n];
        var positive = (n - 1) / 2 + 1;
        for (var k = 0; k < positive; k++)
        {
            result[k] = k / (d * n);
        }

        for (var k = positive; k < n; k++)
        {
            result[k] = (k - n) / (d * n);
        }

        return result;
    }

    /// <summary>Forward transform of one real series.</summary>
    public static Complex[] Forward(ReadOnlySpan<double> x)
    {
        var buffer = new Complex[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            buffer[i] = x[i];
        }

        Fourier.Forward(buffer, FourierOptions.Matlab);
        return buffer;
    }

    /// <summary>Forward transform of one complex series (returns a new array).</summary>
    public static Complex[] Forward(ReadOnlySpan<Complex> x)
    {
        var buffer = x.ToArray();
        Fourier.Forward(buffer, FourierOptions.Matlab);
        return buffer;
    }

    /// <summary>Inverse transform (scaled by 1/N) of one complex series (returns a new array).</summary>
    public static Complex[] Inverse(ReadOnlySpan<Complex> x)
    {
        var buffer = x.ToArray();
        Fourier.Inverse(buffer, FourierOptions.Matlab);
        return buffer;
    }

    /// <summary>
    /// hybridLFPy <c>calculate_fft</c>: the frequencies (Hz) and the transform of every row of
    /// <paramref name="data"/> (<c>data[unit][time]</c>, sample spacing <paramref name="tbinMs"/> ms).
    /// </summary>
    public static (double[] FrequenciesHz, Complex[][] Transform) Calculate(IReadOnlyList<double[]> data, double tbinMs)
    {
        var n = SignalShape.CheckRectangular(data, nameof(data));
        return (Frequencies(n, tbinMs), data.Select(r => Forward(r)).ToArray());
    }
}
