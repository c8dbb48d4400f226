using System.Numerics;

namespace HybridLfp.Streaming.Numerics.Analysis;

/// <summary>
/// Power and cross spectra with the semantics of hybridLFPy's <c>powerspec</c>, <c>crossspec</c>,
/// <c>compound_powerspec</c>, <c>compound_crossspec</c> and <c>coherence</c>. Input <c>data[unit][time]</c> sampled
/// every <c>tbinMs</c> ms. Spectra are |FFT|² (unscaled, full two-sided numpy ordering: 0, positive, negative
/// frequencies). With <c>smoothingHz</c> (hybridLFPy's <c>Df</c>) each spectrum is smoothed by
/// <see cref="MovingAverage"/> and the first ⌊Df/df⌋ bins are dropped (from spectra and frequencies alike). With
/// <c>pointProcess</c> spectra are multiplied by 1e3/T, T = tbin·n ms (power per second, independent of T).
/// </summary>
public static class Spectra
{
    /// <summary>Power spectrum of every unit: <c>Power[unit][frequency]</c>.</summary>
    public static (double[] FrequenciesHz, double[][] Power) PowerSpectrum(
        IReadOnlyList<double[]> data, double tbinMs, double? smoothingHz = null, bool pointProcess = false)
    {
        var (freq, transform) = FourierTransform.Calculate(data, tbinMs);
        RequireTwoSamples(freq.Length);
        var df = freq[1] - freq[0];
        var t = tbinMs * freq.Length;
        var power = transform.Select(x => x.Select(c => c.Real * c.Real + c.Imaginary * c.Imaginary).ToArray()).ToArray();
        if (smoothingHz is { } window)
        {
            var cut = (int)(window / df);
            freq = freq[cut..];
            power = power.Select(p => MovingAverage.Apply(p, window, df)[cut..].Select(c => c.Magnitude).ToArray()).ToArray();
        }

        if (pointProcess)
        {
            Scale(power, 1e3 / t);
        }

        return (freq, power);
    }

    /// <summary>Power spectrum averaged over units (hybridLFPy <c>powerspec(..., units=True)</c>).</summary>
    public static (double[] FrequenciesHz, double[] Power) MeanPowerSpectrum(
        IReadOnlyList<double[]> data, double tbinMs, double? smoothingHz = null, bool pointProcess = false)
    {
        // hybridLFPy averages before the point-process normalization; the order does not matter (linear).
        var (freq, power) = PowerSpectrum(data, tbinMs, smoothingHz, pointProcess);
        return (freq, SignalStatistics.MeanOverUnits(power));
    }

    /// <summary>Power spectrum of the compound signal (sum over units).</summary>
    public static (double[] FrequenciesHz, double[] Power) CompoundPowerSpectrum(
        IReadOnlyList<double[]> data, double tbinMs, double? smoothingHz = null, bool pointProcess = false) =>
        MeanPowerSpectrum([SignalStatistics.Compound(data)], tbinMs, smoothingHz, pointProcess);

    /// <summary>
    /// Cross spectra of all unit pairs: <c>Cross[i][j][frequency] = X_i · conj(X_j)</c> (Hermitian in i, j; the
    /// diagonal is the power spectrum).
    /// </summary>
    public static (double[] FrequenciesHz, Complex[][][] Cross) CrossSpectrum(
        IReadOnlyList<double[]> data, double tbinMs, double? smoothingHz = null, bool pointProcess = false)
    {
        var (freq, transform) = FourierTransform.Calculate(data, tbinMs);
        RequireTwoSamples(freq.Length);
        var t = tbinMs * freq.Length;
        var df = freq[1] - freq[0];
        var cut = smoothingHz is { } w ? (int)(w / df) : 0;
        var n = data.Count;
        var nf = freq.Length - cut;
        var cross = new Complex[n][][];
        for (var i = 0; i < n; i++)
        {
            cross[i] = new Complex[n][];
        }

        var scale = pointProcess ? 1e3 / t : 1.0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var product = new Complex[freq.Length];
                for (var k = 0; k < product.Length; k++)
                {
                    product[k] = transform[i][k] * Complex.Conjugate(transform[j][k]);
                }

                if (smoothingHz is { } window)
                {
                    product = MovingAverage.Apply(product, window, df);
                }

                var ij = new Complex[nf];
                var ji = new Complex[nf];
                for (var k = 0; k < nf; k++)
                {
                    ij[k] = product[k + cut] * scale;
                    ji[k] = Complex.Conjugate(ij[k]);
                }

                cross[i][j] = ij;
                cross[j][i] = ji;
            }
        }

        return (freq[cut..], cross);
    }

    /// <summary>
    /// Cross spectrum averaged over all pairs of distinct units (hybridLFPy <c>crossspec(..., units=True)</c>):
    /// (P_compound − N·mean P) / (N(N−1)). As in hybridLFPy no point-process normalization is applied here.
    /// </summary>
    public static (double[] FrequenciesHz, double[] Cross) MeanCrossSpectrum(
        IReadOnlyList<double[]> data, double tbinMs, double? smoothingHz = null)
    {
        var n = data.Count;
        if (n < 2)
        {
            throw new ArgumentException("the mean cross spectrum needs at least two units", nameof(data));
        }

        var (freq, power) = MeanPowerSpectrum(data, tbinMs, smoothingHz);
        var (_, compound) = CompoundPowerSpectrum(data, tbinMs, smoothingHz);
        var cross = new double[freq.Length];
        for (var k = 0; k < cross.Length; k++)
        {
            cross[k] = 1.0 / (1.0 * n * (n - 1.0)) * (compound[k] - 1.0 * n * power[k]);
        }

        return (freq, cross);
    }

    /// <summary>Cross spectra between the compound signals of several data sets (each <c>[unit][time]</c>).</summary>
    public static (double[] FrequenciesHz, Complex[][][] Cross) CompoundCrossSpectrum(
        IReadOnlyList<IReadOnlyList<double[]>> dataSets, double tbinMs, double? smoothingHz = null, bool pointProcess = false) =>
        CrossSpectrum(dataSets.Select(SignalStatistics.Compound).ToArray(), tbinMs, smoothingHz, pointProcess);

    /// <summary>
    /// Coherence Re(S_ij) / sqrt(P_i P_j) for every pair (hybridLFPy stores it in a real array, i.e. keeps the real
    /// part). <paramref name="power"/> is <c>[unit][frequency]</c>, <paramref name="cross"/> <c>[unit][unit][frequency]</c>.
    /// </summary>
    public static double[][][] Coherence(IReadOnlyList<double[]> power, Complex[][][] cross)
    {
        var n = power.Count;
        if (cross.Length != n)
        {
            throw new ArgumentException($"cross has {cross.Length} units, power {n}");
        }

        var result = new double[n][][];
        for (var i = 0; i < n; i++)
        {
            result[i] = new double[n][];
            for (var j = 0; j < n; j++)
            {
                var nf = cross[i][j].Length;
                if (power[i].Length != nf || power[j].Length != nf)
                {
                    throw new ArgumentException("power and cross spectra must have the same number of frequencies");
                }

                var c = new double[nf];
                for (var k = 0; k < nf; k++)
                {
                    c[k] = cross[i][j][k].Real / Math.Sqrt(power[i][k] * power[j][k]);
                }

                result[i][j] = c;
            }
        }

        return result;
    }

    private static void Scale(double[][] values, double factor)
    {
        foreach (var row in values)
        {
            for (var i = 0; i < row.Length; i++)
            {
                row[i] *= factor;
            }
        }
    }

    private static void RequireTwoSamples(int n)
    {
        if (n < 2)
        {
            throw new ArgumentException("spectra need at least two time samples");
        }
    }
}
