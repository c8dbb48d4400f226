namespace HybridLfp.Streaming.Blocks.Spikes.Generators;

/// <summary>
/// Rate-profile traces as in L5NeuronSimulation's raster_maker: noise traces, min-max and z-score normalisation,
/// and the shifted, min-max normalised average of a raster. A trace is a sequence of dimensionless factors, one per
/// time bin; it multiplies a unit's mean rate.
/// </summary>
public static class RateProfiles
{
    /// <summary>
    /// <paramref name="traceCount"/> noise traces of <paramref name="sampleCount"/> bins: Gaussian white noise
    /// low-pass filtered with time constant <paramref name="tauBins"/> (bins). Deterministic by seed.
    /// </summary>
    public static double[][] MakeNoise(int traceCount, int sampleCount, double tauBins, ulong seed)
    {
        var traces = new double[traceCount][];
        double decay = tauBins > 0 ? Math.Exp(-1.0 / tauBins) : 0.0;
        double gain = Math.Sqrt(1.0 - decay * decay);
        for (int k = 0; k < traceCount; k++)
        {
            var rng = new SpikeRandom(seed, 0x5EED0000UL + (ulong)k);
            var trace = new double[sampleCount];
            double x = rng.NextGaussian();
            for (int i = 0; i < sampleCount; i++)
            {
                x = decay * x + gain * rng.NextGaussian();
                trace[i] = x;
            }

            traces[k] = trace;
        }

        return traces;
    }

    /// <summary>Scales to [0, 1] in place: (x − min) / (max − min); a constant trace becomes all ones.</summary>
    public static double[] MinMax(double[] trace)
    {
        double min = trace.Min();
        double max = trace.Max();
        for (int i = 0; i < trace.Length; i++)
        {
            trace[i] = max > min ? (trace[i] - min) / (max - min) : 1.0;
        }

        return trace;
    }

    /// <summary>z-scores in place: (x − mean) / standard deviation (population); a constant trace becomes zeros.</summary>
    public static double[] ZScore(double[] trace)
    {
        double mean = trace.Average();
        double variance = trace.Sum(x => (x - mean) * (x - mean)) / trace.Length;
        double sd = Math.Sqrt(variance);
        for (int i = 0; i < trace.Length; i++)
        {
            trace[i] = sd > 0 ? (trace[i] - mean) / sd : 0.0;
        }

        return trace;
    }

    /// <summary>
    /// raster_maker's <c>shift_exc_noise</c>: the population-average trace of a raster (spike counts per bin),
    /// delayed by <paramref name="shiftBins"/> bins (the first bins repeat the first value) and min-max normalised.
    /// </summary>
    public static double[] ShiftedAverage(ReadOnlySpan<double> countsPerBin, int shiftBins)
    {
        var shifted = new double[countsPerBin.Length];
        for (int i = 0; i < shifted.Length; i++)
        {
            int source = Math.Max(i - shiftBins, 0);
            shifted[i] = source < countsPerBin.Length ? countsPerBin[source] : 0.0;
        }

        return MinMax(shifted);
    }

    /// <summary>Per-unit mean rates (Hz) drawn log-normally with the given mean (Hz) and log-space σ.</summary>
    public static double[] LogNormalRates(int count, double meanHz, double sigma, ulong seed)
    {
        var rng = new SpikeRandom(seed, 0xA7E5UL);
        double mu = Math.Log(meanHz) - 0.5 * sigma * sigma;
        var rates = new double[count];
        for (int i = 0; i < count; i++)
        {
            rates[i] = Math.Exp(mu + sigma * rng.NextGaussian());
        }

        return rates;
    }
}
