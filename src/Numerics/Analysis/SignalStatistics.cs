namespace HybridLfp.Streaming.Numerics.Analysis;

/// <summary>
/// Means, variances, coefficients of variation and Fano factors of multi-unit signals, with the semantics of
/// hybridLFPy's <c>helpers</c> module. Data are <c>data[unit][time]</c>. Variances are population variances
/// (divide by n, numpy's default <c>ddof=0</c>). hybridLFPy's <c>units</c>/<c>time</c> flags map to method names:
/// <c>units=True</c> → "OverUnits" (result is a time series), <c>time=True</c> → "OverTime" (one value per unit),
/// both → the scalar methods.
/// </summary>
public static class SignalStatistics
{
    /// <summary>Mean across units at every time step (hybridLFPy <c>mean(data, units=True)</c>).</summary>
    public static double[] MeanOverUnits(IReadOnlyList<double[]> data)
    {
        var nt = SignalShape.CheckRectangular(data, nameof(data));
        var result = new double[nt];
        foreach (var row in data)
        {
            for (var t = 0; t < nt; t++)
            {
                result[t] += row[t];
            }
        }

        for (var t = 0; t < nt; t++)
        {
            result[t] /= data.Count;
        }

        return result;
    }

    /// <summary>Mean across time of every unit (hybridLFPy <c>mean(data, time=True)</c>).</summary>
    public static double[] MeanOverTime(IReadOnlyList<double[]> data)
    {
        SignalShape.CheckRectangular(data, nameof(data));
        return data.Select(Mean).ToArray();
    }

    /// <summary>Mean over units and time (hybridLFPy <c>mean(data, units=True, time=True)</c>).</summary>
    public static double MeanOverUnitsAndTime(IReadOnlyList<double[]> data)
    {
        var nt = SignalShape.CheckRectangular(data, nameof(data));
        double sum = 0;
        foreach (var row in data)
        {
            foreach (var v in row)
            {
                sum += v;
            }
        }

        return sum / (data.Count * (double)nt);
    }

    /// <summary>Population variance across units at every time step (hybridLFPy <c>variance(data, units=True)</c>).</summary>
    public static double[] VarianceOverUnits(IReadOnlyList<double[]> data)
    {
        var nt = SignalShape.CheckRectangular(data, nameof(data));
        var mean = MeanOverUnits(data);
        var result = new double[nt];
        foreach (var row in data)
        {
            for (var t = 0; t < nt; t++)
            {
                var d = row[t] - mean[t];
                result[t] += d * d;
            }
        }

        for (var t = 0; t < nt; t++)
        {
            result[t] /= data.Count;
        }

        return result;
    }

    /// <summary>Population variance across time of every unit (hybridLFPy <c>variance(data, time=True)</c>).</summary>
    public static double[] VarianceOverTime(IReadOnlyList<double[]> data)
    {
        SignalShape.CheckRectangular(data, nameof(data));
        return data.Select(Variance).ToArray();
    }

    /// <summary>
    /// Mean over units of the variances across time (hybridLFPy <c>variance(data, units=True, time=True)</c>; note:
    /// not the variance of all samples pooled).
    /// </summary>
    public static double MeanVarianceOverTime(IReadOnlyList<double[]> data) => Mean(VarianceOverTime(data));

    /// <summary>Time average of the compound (sum over units) signal.</summary>
    public static double CompoundMean(IReadOnlyList<double[]> data) => Mean(Compound(data));

    /// <summary>Population variance across time of the compound (sum over units) signal.</summary>
    public static double CompoundVariance(IReadOnlyList<double[]> data) => Variance(Compound(data));

    /// <summary>Coefficient of variation per unit: sqrt(variance over time) / mean over time.</summary>
    public static double[] CoefficientOfVariation(IReadOnlyList<double[]> data)
    {
        var mu = MeanOverTime(data);
        var variance = VarianceOverTime(data);
        return mu.Select((m, i) => Math.Sqrt(variance[i]) / m).ToArray();
    }

    /// <summary>Mean over units of <see cref="CoefficientOfVariation"/> (hybridLFPy <c>cv(data, units=True)</c>).</summary>
    public static double MeanCoefficientOfVariation(IReadOnlyList<double[]> data) => Mean(CoefficientOfVariation(data));

    /// <summary>Fano factor per unit: variance over time / mean over time.</summary>
    public static double[] FanoFactor(IReadOnlyList<double[]> data)
    {
        var mu = MeanOverTime(data);
        var variance = VarianceOverTime(data);
        return mu.Select((m, i) => variance[i] / m).ToArray();
    }

    /// <summary>Mean over units of <see cref="FanoFactor"/> (hybridLFPy <c>fano(data, units=True)</c>).</summary>
    public static double MeanFanoFactor(IReadOnlyList<double[]> data) => Mean(FanoFactor(data));

    /// <summary>
    /// Subtracts the mean across time of every unit (<paramref name="time"/>) and then the mean across units at every
    /// time step (<paramref name="units"/>); at least one must be true. Returns new arrays.
    /// </summary>
    public static double[][] Centralize(IReadOnlyList<double[]> data, bool time, bool units)
    {
        if (!time && !units)
        {
            throw new ArgumentException("centralize needs time, units or both");
        }

        var nt = SignalShape.CheckRectangular(data, nameof(data));
        var result = data.Select(r => (double[])r.Clone()).ToArray();
        if (time)
        {
            foreach (var row in result)
            {
                var m = Mean(row);
                for (var t = 0; t < nt; t++)
                {
                    row[t] -= m;
                }
            }
        }

        if (units)
        {
            var m = MeanOverUnits(result);
            foreach (var row in result)
            {
                for (var t = 0; t < nt; t++)
                {
                    row[t] -= m[t];
                }
            }
        }

        return result;
    }

    /// <summary>z-transform of all samples together: subtract the grand mean, divide by the grand standard deviation.</summary>
    public static double[][] Normalize(IReadOnlyList<double[]> data)
    {
        var nt = SignalShape.CheckRectangular(data, nameof(data));
        var mean = MeanOverUnitsAndTime(data);
        double ss = 0;
        foreach (var row in data)
        {
            foreach (var v in row)
            {
                ss += (v - mean) * (v - mean);
            }
        }

        var sd = Math.Sqrt(ss / (data.Count * (double)nt));
        return data.Select(r => r.Select(v => (v - mean) / sd).ToArray()).ToArray();
    }

    /// <summary>z-transform of one series.</summary>
    public static double[] Normalize(double[] data) => Normalize([data])[0];

    /// <summary>Sum over units at every time step.</summary>
    public static double[] Compound(IReadOnlyList<double[]> data)
    {
        var nt = SignalShape.CheckRectangular(data, nameof(data));
        var sum = new double[nt];
        foreach (var row in data)
        {
            for (var t = 0; t < nt; t++)
            {
                sum[t] += row[t];
            }
        }

        return sum;
    }

    internal static double Mean(double[] x)
    {
        double s = 0;
        foreach (var v in x)
        {
            s += v;
        }

        return s / x.Length;
    }

    internal static double Variance(double[] x)
    {
        var m = Mean(x);
        double s = 0;
        foreach (var v in x)
        {
            s += (v - m) * (v - m);
        }

        return s / x.Length;
    }
}
