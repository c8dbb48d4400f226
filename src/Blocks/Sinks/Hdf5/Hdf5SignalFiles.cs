namespace HybridLfp.Streaming.Blocks.Sinks.Hdf5;

/// <summary>
/// Names of the HDF5 files a run writes into its output folder: <c>signals.h5</c> (one group per probe, one
/// dataset per population and <c>sum</c>), and hybridLFPy's layout (<c>&lt;Probe&gt;_sum.h5</c> and
/// <c>populations/&lt;y&gt;_population_&lt;Probe&gt;.h5</c>, dataset <c>data</c>).
/// </summary>
public static class Hdf5SignalFiles
{
    /// <summary>File name of the combined signal file.</summary>
    public const string SignalsFileName = "signals.h5";

    /// <summary>Dataset name of the sum over populations inside each probe group.</summary>
    public const string SumDatasetName = "sum";

    /// <summary>Folder of the per-population hybridLFPy files.</summary>
    public const string PopulationsFolder = "populations";

    /// <summary>OUT/signals.h5.</summary>
    public static string SignalsPath(string outputDirectory) => Path.Combine(outputDirectory, SignalsFileName);

    /// <summary>OUT/&lt;probe&gt;_sum.h5 (hybridLFPy's compound file).</summary>
    public static string SumPath(string outputDirectory, string probe) => Path.Combine(outputDirectory, $"{probe}_sum.h5");

    /// <summary>OUT/populations/&lt;population&gt;_population_&lt;probe&gt;.h5 (hybridLFPy's per-population file).</summary>
    public static string PopulationPath(string outputDirectory, string population, string probe) =>
        Path.Combine(outputDirectory, PopulationsFolder, $"{population}_population_{probe}.h5");
}
