namespace HybridLfp.Streaming.Blocks.Sinks.Hdf5;

/// <summary>
/// A signal read back from HDF5: <see cref="Channels"/> × <see cref="Samples"/> values, row-major, in
/// <see cref="Units"/> (mV, nA/µm³, nA·µm, nA/µm), sampled every <see cref="DtOutputMs"/> ms from t = 0.
/// </summary>
public sealed record SignalMatrix(string Probe, string Population, int Channels, long Samples, double[] Values, string Units, double DtOutputMs)
{
    /// <summary>Sampling rate, Hz.</summary>
    public double SrateHz => 1000.0 / DtOutputMs;

    /// <summary>Value of channel <paramref name="channel"/> at sample <paramref name="sample"/>.</summary>
    public double this[int channel, long sample] => Values[(channel * Samples) + sample];

    /// <summary>Channel rows as separate arrays ([channel][sample]).</summary>
    public double[][] Rows() =>
        Enumerable.Range(0, Channels).Select(c => Values.AsSpan((int)(c * Samples), (int)Samples).ToArray()).ToArray();

    /// <summary>Sample times, ms.</summary>
    public double[] TimesMs() => Enumerable.Range(0, (int)Samples).Select(i => i * DtOutputMs).ToArray();
}
