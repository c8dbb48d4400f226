using HybridLfp.Streaming.Numerics;

namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>Chooses a writer by extension and copies a source into it.</summary>
public static class SpikeWriters
{
    /// <summary>A writer for <c>.h5</c> (SONATA), <c>.dat</c>/<c>.gdf</c> (NEST 3 ASCII) or <c>.csv</c> (bmtk).</summary>
    /// <param name="path">Output file.</param>
    /// <param name="textDecimals">Fixed decimals for times in .dat output (NEST uses 3; lossy); null = exact.</param>
    public static ISpikeWriter Create(string path, int? textDecimals = null) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".h5" or ".hdf5" or ".sonata" => new SonataSpikeWriter(path),
        ".dat" or ".gdf" => new NestDatSpikeWriter(path, textDecimals),
        ".csv" => new CsvSpikeWriter(path),
        _ => throw new InputException(path, "unknown output type; expected .h5, .dat or .csv"),
    };

    /// <summary>Streams every chunk of <paramref name="source"/> into <paramref name="writer"/> and completes it; returns the spike count.</summary>
    public static async Task<long> CopyAsync(ISpikeSource source, ISpikeWriter writer, CancellationToken cancellationToken = default)
    {
        long count = 0;
        await foreach (var chunk in source.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            using (chunk)
            {
                writer.Write(chunk);
                count += chunk.Count;
            }
        }

        writer.Complete();
        return count;
    }
}
