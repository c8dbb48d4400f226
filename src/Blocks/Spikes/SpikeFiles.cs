using HybridLfp.Streaming.Numerics;

namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>
/// Opens spike files by extension: <c>.gdf</c>/<c>.dat</c> NEST text (population ranges from a
/// <c>population_nodeids.dat</c>/<c>population_GIDs.dat</c> beside them), <c>.h5</c>/<c>.hdf5</c>/<c>.sonata</c>
/// SONATA, <c>.csv</c>/<c>.txt</c> CSV. A folder stands for all spike files in it. Live inputs: <c>-</c> (line protocol
/// on stdin), <c>tcp:PORT</c> (line protocol, one connection to 127.0.0.1:PORT), <c>fifo:PATH</c> (named pipe) and
/// <c>follow:PATH</c> (a NEST .dat still being written). Several inputs are k-way merged.
/// </summary>
public static class SpikeFiles
{
    /// <summary>One time-ordered source for all <paramref name="paths"/> (merged when more than one file).</summary>
    public static ISpikeSource Open(IReadOnlyList<string> paths, SpikeReaderOptions options)
    {
        var sources = new List<ISpikeSource>();
        foreach (var path in paths)
        {
            var live = OpenLive(path, options);
            if (live is not null)
            {
                sources.Add(live);
                continue;
            }

            sources.AddRange(Expand(path).Select(f => OpenFile(f, options)));
        }

        if (sources.Count == 0)
        {
            throw new InputException(string.Join(", ", paths), "no spike files (.gdf, .dat, .h5, .csv) found");
        }

        return sources.Count == 1 ? sources[0] : new SpikeTimeMerge(string.Join(", ", paths), sources, options.ChunkLength);
    }

    /// <summary>A live source for "-", "tcp:PORT", "fifo:PATH" or "follow:PATH"; null for ordinary paths.</summary>
    public static ISpikeSource? OpenLive(string spec, SpikeReaderOptions options)
    {
        if (spec == "-")
        {
            return Live.LineSpikeSource.FromStdin(options);
        }

        if (spec.StartsWith("tcp:", StringComparison.Ordinal))
        {
            if (!int.TryParse(spec.AsSpan(4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int port) || port is 0 or > 65535)
            {
                throw new InputException(spec, "expected tcp:PORT with a port in 1..65535 (the listener binds 127.0.0.1 only)");
            }

            return new Live.LineSpikeSource($"tcp://127.0.0.1:{port}", async ct =>
            {
                // One connection per stream: listen, accept, stop listening.
                using var listener = new Live.TcpSpikeListener(port);
                return await listener.AcceptReaderAsync(ct).ConfigureAwait(false);
            }, options);
        }

        if (spec.StartsWith("fifo:", StringComparison.Ordinal))
        {
            return Live.LineSpikeSource.FromNamedPipe(spec[5..], options);
        }

        if (spec.StartsWith("follow:", StringComparison.Ordinal))
        {
            return new Live.GrowingDatFileSource(spec[7..], options);
        }

        return null;
    }

    /// <summary>The files a path stands for: itself, or the spike files in a folder (sorted by name).</summary>
    public static IReadOnlyList<string> Expand(string path)
    {
        if (Directory.Exists(path))
        {
            return Directory.EnumerateFiles(path)
                .Where(f => IsSpikeFileName(f))
                .Order(StringComparer.Ordinal)
                .ToList();
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file or folder.", path);
        }

        return [path];
    }

    private static bool IsSpikeFileName(string path)
    {
        var name = Path.GetFileName(path);
        if (NestPopulationRanges.FileNames.Contains(name))
        {
            return false;
        }

        return Path.GetExtension(path).ToLowerInvariant() is ".gdf" or ".dat" or ".h5" or ".hdf5" or ".sonata" or ".csv";
    }

    /// <summary>A time-ordered source for one file, chosen by extension.</summary>
    public static ISpikeSource OpenFile(string path, SpikeReaderOptions options)
    {
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".gdf" or ".dat":
            {
                var ranges = NestPopulationRanges.FindBeside(path, options.NestPopulationNames);
                var table = ranges is null ? new SpikePopulationTable([NestTextBatchReader.AllPopulation]) : new SpikePopulationTable(ranges.Names);
                return new OrderedSpikeSource(path, table, (t, o) => new NestTextBatchReader(path, ranges, t, o), SpikeFileOrder.Unknown, options);
            }

            case ".h5" or ".hdf5" or ".sonata":
                return SonataSpikeFile.OpenSource(path, options);
            case ".csv" or ".txt":
                return new OrderedSpikeSource(path, new SpikePopulationTable(), (t, o) => new CsvSpikeBatchReader(path, t, o), SpikeFileOrder.Unknown, options);
            default:
                throw new InputException(path, "unknown spike file type; expected .gdf, .dat, .h5 or .csv");
        }
    }
}
