using System.Numerics;

namespace HybridLfp.Streaming.Numerics.Analysis;

/// <summary>
/// Auto- and cross-correlation functions from spectra, and correlation coefficients, with the semantics of
/// hybridLFPy's <c>autocorrfunc</c>, <c>crosscorrfunc</c> and <c>corrcoef</c>. The correlation function is the real
/// part of the inverse FFT of the spectrum, rotated so that lag 0 sits at index ⌊L/2⌋ − 1 for even L (times
/// −L/2+1 … L/2, in steps of tbin = 1e3 / (2 max f) ms).
/// </summary>
public static class CorrelationFunctions
{
    /// <summary>Lag times (ms) for spectra with these frequencies (Hz): (−L/2 + 1 + k)·tbin, k = 0…L−1.</summary>
    public static double[] LagTimes(IReadOnlyList<double> frequenciesHz)
    {
        var length = frequenciesHz.Count;
        if (length < 2)
        {
            throw new ArgumentException("need at least two frequencies", nameof(frequenciesHz));
        }

        var tbin = 1.0 / (2.0 * frequenciesHz.Max()) * 1e3; // ms
        var start = -length / 2.0 + 1;
        return Enumerable.Range(0, length).Select(k => (start + k) * tbin).ToArray();
    }

    /// <summary>Autocorrelation function of every power spectrum <c>power[unit][frequency]</c>.</summary>
    public static (double[] TimesMs, double[][] Autocorrelation) Autocorrelation(IReadOnlyList<double> frequenciesHz, IReadOnlyList<double[]> power)
    {
        var time = LagTimes(frequenciesHz);
        return (time, power.Select(p => Rotate(p.Select(v => new Complex(v, 0)).ToArray(), time.Length)).ToArray());
    }

    /// <summary>Cross-correlation functions of cross spectra <c>cross[i][j][frequency]</c>.</summary>
    public static (double[] TimesMs, double[][][] Crosscorrelation) Crosscorrelation(IReadOnlyList<double> frequenciesHz, Complex[][][] cross)
    {
        var time = LagTimes(frequenciesHz);
        return (time, cross.Select(row => row.Select(c => Rotate(c, time.Length)).ToArray()).ToArray());
    }

    /// <summary>
    /// Correlation coefficients from correlation functions <c>crossf[i][j][lag]</c> (hybridLFPy <c>corrcoef</c>):
    /// sums over the lags mid − w … mid + w (w = ⌊window/tbin⌋, mid = L/2 − 1 for even L, ⌊L/2⌋ for odd L), minus
    /// the mean of the lags before mid − 1 as offset; cc_ij = (c_ij − o_ij) / sqrt((a_i − o_i)(a_j − o_j)), and 0
    /// when a_i or a_j ≤ 0. <paramref name="integrationWindowMs"/> = 0 gives the zero-lag coefficient.
    /// </summary>
    public static double[][] CorrelationCoefficient(IReadOnlyList<double> timesMs, double[][][] crossf, double integrationWindowMs = 0.0)
    {
        var length = timesMs.Count;
        if (length < 4)
        {
            throw new ArgumentException("need at least four lags", nameof(timesMs));
        }

        var tbin = Math.Abs(timesMs[1] - timesMs[0]);
        var lim = (int)(integrationWindowMs / tbin);
        var mid = length % 2 == 0 ? length / 2 - 1 : length / 2;
        if (lim < 0 || mid - lim < 0 || mid + lim + 1 > length || mid - 1 < 1)
        {
            throw new ArgumentException($"integration window {integrationWindowMs} ms ({lim} lags) does not fit {length} lags around lag index {mid}");
        }

        var n = crossf.Length;
        var cc = new double[n][];
        for (var i = 0; i < n; i++)
        {
            cc[i] = new double[n];
            var ai = Sum(crossf[i][i], mid - lim, mid + lim + 1);
            var offsetI = Sum(crossf[i][i], 0, mid - 1) / (mid - 1);
            for (var j = 0; j < n; j++)
            {
                var cij = Sum(crossf[i][j], mid - lim, mid + lim + 1);
                var offsetCross = Sum(crossf[i][j], 0, mid - 1) / (mid - 1);
                var aj = Sum(crossf[j][j], mid - lim, mid + lim + 1);
                var offsetJ = Sum(crossf[j][j], 0, mid - 1) / (mid - 1);
                cc[i][j] = ai > 0 && aj > 0 ? (cij - offsetCross) / Math.Sqrt((ai - offsetI) * (aj - offsetJ)) : 0.0;
            }
        }

        return cc;
    }

    private static double Sum(double[] x, int from, int to)
    {
        double s = 0;
        for (var k = from; k < to; k++)
        {
            s += x[k];
        }

        return s;
    }

    private static double[] Rotate(Complex[] spectrum, int length)
    {
        if (spectrum.Length != length)
        {
            throw new ArgumentException($"spectrum has {spectrum.Length} frequencies; expected {length}");
        }

        var raw = FourierTransform.Inverse(spectrum);
        var mid = length / 2;
        var result = new double[length];
        var k = 0;
        for (var i = mid + 1; i < length; i++)
        {
            result[k++] = raw[i].Real;
        }

        for (var i = 0; i <= mid; i++)
        {
            result[k++] = raw[i].Real;
        }

        return result;
    }
}
