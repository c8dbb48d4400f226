using System.Buffers;

namespace HybridLfp.Streaming.Numerics.Analysis;

/// <summary>
/// Down-sampling by an integer factor as scipy's <c>decimate(x, q)</c> default (which hybridLFPy applies to every
/// single-cell probe signal to reach <c>dt_output</c>): Chebyshev type I low-pass of order 8, 0.05 dB ripple,
/// cutoff 0.8/q of Nyquist, zero-phase forward–backward filtering with odd padding, then every q-th sample starting
/// with the first. The filter is applied even when q = 1.
/// </summary>
public static class Decimation
{
    /// <summary>Filter order of the default anti-aliasing filter.</summary>
    public const int DefaultOrder = 8;

    /// <summary>Pass-band ripple of the anti-aliasing filter, dB.</summary>
    public const double RippleDb = 0.05;

    /// <summary>The anti-aliasing filter for factor <paramref name="q"/>.</summary>
    public static SecondOrderSections AntiAliasingFilter(int q, int order = DefaultOrder)
    {
        if (q < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "decimation factor must be ≥ 1");
        }

        return ChebyshevType1Design.Lowpass(order, RippleDb, 0.8 / q);
    }

    /// <summary>Decimates one series by <paramref name="q"/>; length ⌈n/q⌉.</summary>
    public static double[] Decimate(ReadOnlySpan<double> x, int q, int order = DefaultOrder) =>
        Decimate(x, q, AntiAliasingFilter(q, order));

    /// <summary>Decimates every row of <paramref name="data"/> (<c>[channel][time]</c>) by <paramref name="q"/>.</summary>
    public static double[][] Decimate(IReadOnlyList<double[]> data, int q, int order = DefaultOrder)
    {
        var filter = AntiAliasingFilter(q, order);
        return data.Select(row => Decimate(row, q, filter)).ToArray();
    }

    /// <summary>Decimates with a given filter (design it once for many channels).</summary>
    public static double[] Decimate(ReadOnlySpan<double> x, int q, SecondOrderSections filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (q < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "decimation factor must be ≥ 1");
        }

        if (q == 1)
        {
            return filter.FilterForwardBackward(x);
        }

        var scratch = ArrayPool<double>.Shared.Rent(x.Length);
        var y = scratch.AsSpan(0, x.Length);
        filter.FilterForwardBackward(x, y);
        var result = new double[(x.Length + q - 1) / q];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = y[i * q];
        }

        ArrayPool<double>.Shared.Return(scratch);
        return result;
    }
}
