using HybridLfp.Streaming.Blocks.Interop.Hdf5;
using HybridLfp.Streaming.Numerics;

namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>
/// Layout of a SONATA spike file: <c>/spikes/&lt;population&gt;/{node_ids, timestamps}</c> (node ids of any integer
/// width and signedness, timestamps in ms), <c>sorting</c> as an enum or a string on the population group or on
/// <c>node_ids</c>; or the legacy <c>/spikes/{gids, timestamps}</c> (population "(legacy)").
/// </summary>
public static class SonataSpikeFile
{
    /// <summary>Population name of the legacy layout.</summary>
    public const string LegacyPopulation = "(legacy)";

    /// <summary>Lists and validates the populations (types, lengths, units, sorting). Errors name the file and dataset.</summary>
    public static IReadOnlyList<SonataSpikePopulationInfo> Inspect(string path)
    {
        using var file = Hdf5File.OpenRead(path);
        if (file.KindOf("spikes") != Hdf5ChildKind.Group)
        {
            throw new InputException(path, "has no /spikes group; not a SONATA spike file");
        }

        using var spikes = file.OpenGroup("spikes");
        var result = new List<SonataSpikePopulationInfo>();
        if (spikes.KindOf("timestamps") == Hdf5ChildKind.Dataset)
        {
            string idName = spikes.KindOf("gids") == Hdf5ChildKind.Dataset ? "gids" : "node_ids";
            result.Add(Describe(path, spikes, LegacyPopulation, idName, spikes.ReadAttributeAsText("sorting")));
            return result;
        }

        foreach (var name in spikes.ChildNames())
        {
            if (spikes.KindOf(name) != Hdf5ChildKind.Group)
            {
                continue;
            }

            using var group = spikes.OpenGroup(name);
            result.Add(Describe(path, group, name, "node_ids", group.ReadAttributeAsText("sorting")));
        }

        return result;
    }

    private static SonataSpikePopulationInfo Describe(string path, Hdf5Group group, string name, string idName, string? sorting)
    {
        if (group.KindOf(idName) != Hdf5ChildKind.Dataset || group.KindOf("timestamps") != Hdf5ChildKind.Dataset)
        {
            throw new InputException(path, $"group '{group.Path}' needs datasets '{idName}' and 'timestamps'");
        }

        using var ids = group.OpenDataset(idName);
        using var times = group.OpenDataset("timestamps");
        if (ids.TypeClass != Hdf5Native.H5T_INTEGER)
        {
            throw new InputException(path, $"'{ids.Path}' holds {TypeName(ids.TypeClass)} values; expected integers");
        }

        if (times.TypeClass is not (Hdf5Native.H5T_FLOAT or Hdf5Native.H5T_INTEGER))
        {
            throw new InputException(path, $"'{times.Path}' holds {TypeName(times.TypeClass)} values; expected floating-point times (ms)");
        }

        if (ids.Length != times.Length)
        {
            throw new InputException(path, $"'{ids.Path}' has {ids.Length} elements but '{times.Path}' has {times.Length}; they must match");
        }

        var units = times.ReadAttributeAsText("units");
        if (units is not (null or "ms" or "milliseconds"))
        {
            throw new InputException(path, $"'{times.Path}' has units '{units}'; expected 'ms' or 'milliseconds'");
        }

        sorting ??= ids.ReadAttributeAsText("sorting");
        return new SonataSpikePopulationInfo(name, group.Path, idName, ids.Length, ParseSorting(path, group.Path, sorting));
    }

    /// <summary>Maps the stored sorting text (enum name, string, legacy spelling or number) to <see cref="SonataSorting"/>.</summary>
    public static SonataSorting ParseSorting(string path, string groupPath, string? sorting) => sorting switch
    {
        null or "none" or "0" => SonataSorting.None,
        "by_id" or "by_gid" or "1" => SonataSorting.ById,
        "by_time" or "time" or "2" => SonataSorting.ByTime,
        _ => throw new InputException(path, $"'{groupPath}' has sorting '{sorting}'; expected none, by_id or by_time"),
    };

    private static string TypeName(int typeClass) => typeClass switch
    {
        Hdf5Native.H5T_INTEGER => "integer",
        Hdf5Native.H5T_FLOAT => "floating-point",
        Hdf5Native.H5T_STRING => "string",
        Hdf5Native.H5T_ENUM => "enum",
        _ => $"HDF5 class {typeClass}",
    };

    /// <summary>A time-ordered source over every population of the file (k-way merged when several).</summary>
    public static ISpikeSource OpenSource(string path, SpikeReaderOptions options)
    {
        var populations = Inspect(path);
        var sources = populations
            .Select(p => (ISpikeSource)new OrderedSpikeSource(
                $"{path}:{p.GroupPath}",
                new SpikePopulationTable([p.Name]),
                (table, _) => new SonataPopulationBatchReader(path, p, table),
                p.Sorting == SonataSorting.ByTime ? SpikeFileOrder.ByTime : SpikeFileOrder.Unknown,
                options))
            .ToList();
        return sources.Count == 1 ? sources[0] : new SpikeTimeMerge(path, sources, options.ChunkLength);
    }
}
