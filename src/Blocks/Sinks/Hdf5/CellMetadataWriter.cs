using HybridLfp.Streaming.Blocks.Interop.Hdf5;

namespace HybridLfp.Streaming.Blocks.Sinks.Hdf5;

/// <summary>
/// Writes cell metadata from plain arrays into one HDF5 file (usually <c>OUT/cells.h5</c>), one group per
/// population: <c>soma_positions</c> (cells × 3, µm), <c>rotations</c> (cells × 3, rad about x, y, z; NaN = no
/// rotation about that axis), and a synapse table, one row per connection, as parallel 1-D datasets under
/// <c>synapses/</c>: <c>cell</c> (cell index), <c>synapse</c> (synapse object index within the cell; several
/// connections may share one), <c>segment</c> (segment index, LFPy order), <c>network_population</c> (index into the
/// group attribute <c>network_populations</c>, comma-separated), <c>presynaptic_gid</c>, <c>delay_ms</c> (ms),
/// <c>weight</c> (nA current-based, µS conductance-based), <c>synapse_type</c> (index into the group attribute
/// <c>synapse_types</c>) and <c>tau_ms</c> (decay time constant, ms). Synapses are appended in slices (e.g. per cell
/// batch) to extendible datasets, so the writer holds none of them.
/// Order of calls per population: <see cref="BeginPopulation"/>, any number of <see cref="AppendSynapses"/>, and
/// <see cref="WriteCells"/> once (before or after the synapses); <see cref="WritePopulation"/> does the first and last.
/// Threading: one thread at a time; dispose to close the file.
/// </summary>
public sealed class CellMetadataWriter : IDisposable
{
    /// <summary>File name used in an output folder.</summary>
    public const string FileName = "cells.h5";

    private readonly Hdf5File _file;
    private readonly Dictionary<string, PopulationTables> _populations = new(StringComparer.Ordinal);

    /// <summary>Creates (replaces) the file at <paramref name="path"/>.</summary>
    public CellMetadataWriter(string path)
    {
        _file = Hdf5File.Create(path);
    }

    /// <summary>Path of the file.</summary>
    public string Path => _file.FileName;

    /// <summary>
    /// Starts a population: creates its group (attributes <c>cell_count</c>, <c>network_populations</c>,
    /// <c>synapse_types</c>) and its empty synapse table. <paramref name="networkPopulations"/> and
    /// <paramref name="synapseTypes"/> name the indices used by <see cref="AppendSynapses"/>.
    /// </summary>
    public void BeginPopulation(string population, int cellCount, IReadOnlyList<string> networkPopulations, IReadOnlyList<string> synapseTypes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cellCount);
        if (_populations.ContainsKey(population))
        {
            throw new ArgumentException($"population '{population}' was already written");
        }

        var group = _file.CreateGroup(population);
        group.WriteUtf8Attribute("network_populations", string.Join(",", networkPopulations));
        group.WriteUtf8Attribute("synapse_types", string.Join(",", synapseTypes));
        group.WriteDoubleAttribute("cell_count", cellCount);
        var synapses = group.CreateGroup("synapses");
        _populations[population] = new PopulationTables(cellCount, group, synapses,
            synapses.CreateExtendible("cell", Hdf5Library.Globals.StdI64Le, 4096),
            synapses.CreateExtendible("synapse", Hdf5Library.Globals.StdI64Le, 4096),
            synapses.CreateExtendible("segment", Hdf5Library.Globals.StdI64Le, 4096),
            synapses.CreateExtendible("network_population", Hdf5Library.Globals.StdI64Le, 4096),
            synapses.CreateExtendible("presynaptic_gid", Hdf5Library.Globals.StdI64Le, 4096),
            synapses.CreateExtendible("delay_ms", Hdf5Library.Globals.IeeeF64Le, 4096),
            synapses.CreateExtendible("weight", Hdf5Library.Globals.IeeeF64Le, 4096),
            synapses.CreateExtendible("synapse_type", Hdf5Library.Globals.StdI64Le, 4096),
            synapses.CreateExtendible("tau_ms", Hdf5Library.Globals.IeeeF64Le, 4096));
    }

    /// <summary>Writes the soma positions (µm) and rotations (rad) of a started population, row-major cells × 3.</summary>
    public void WriteCells(string population, ReadOnlySpan<double> somaPositionsUm, ReadOnlySpan<double> rotationsRad)
    {
        var t = Tables(population);
        if (somaPositionsUm.Length != 3 * t.CellCount || rotationsRad.Length != somaPositionsUm.Length)
        {
            throw new ArgumentException($"population '{population}': positions and rotations must both be {t.CellCount} cells × 3 values (got {somaPositionsUm.Length} and {rotationsRad.Length})");
        }

        if (t.CellsWritten)
        {
            throw new ArgumentException($"population '{population}': cells were already written");
        }

        t.Group.WriteDoubleDataset("soma_positions", somaPositionsUm, t.CellCount, 3);
        t.Group.WriteDoubleDataset("rotations", rotationsRad, t.CellCount, 3);
        t.CellsWritten = true;
    }

    /// <summary><see cref="BeginPopulation"/> then <see cref="WriteCells"/> (row-major, cells × 3).</summary>
    public void WritePopulation(string population, ReadOnlySpan<double> somaPositionsUm, ReadOnlySpan<double> rotationsRad,
        IReadOnlyList<string> networkPopulations, IReadOnlyList<string> synapseTypes)
    {
        if (somaPositionsUm.Length % 3 != 0)
        {
            throw new ArgumentException($"population '{population}': positions must be cells × 3 values (got {somaPositionsUm.Length})");
        }

        BeginPopulation(population, somaPositionsUm.Length / 3, networkPopulations, synapseTypes);
        WriteCells(population, somaPositionsUm, rotationsRad);
    }

    /// <summary>Appends connections (parallel columns of equal length) to a population started by <see cref="BeginPopulation"/>.</summary>
    public void AppendSynapses(string population, in CellSynapseColumns columns)
    {
        var t = Tables(population);
        int n = columns.Cell.Length;
        if (columns.Synapse.Length != n || columns.Segment.Length != n || columns.NetworkPopulation.Length != n
            || columns.PresynapticGid.Length != n || columns.DelayMs.Length != n || columns.Weight.Length != n
            || columns.SynapseType.Length != n || columns.TauMs.Length != n)
        {
            throw new ArgumentException($"population '{population}': synapse columns differ in length");
        }

        t.Cell.AppendInt64(columns.Cell);
        t.Synapse.AppendInt64(columns.Synapse);
        t.Segment.AppendInt64(columns.Segment);
        t.NetworkPopulation.AppendInt64(columns.NetworkPopulation);
        t.PresynapticGid.AppendInt64(columns.PresynapticGid);
        t.DelayMs.AppendDouble(columns.DelayMs);
        t.Weight.AppendDouble(columns.Weight);
        t.SynapseType.AppendInt64(columns.SynapseType);
        t.TauMs.AppendDouble(columns.TauMs);
    }

    public void Dispose()
    {
        foreach (var t in _populations.Values)
        {
            t.Dispose();
        }

        _populations.Clear();
        _file.Dispose();
    }

    private PopulationTables Tables(string population) =>
        _populations.TryGetValue(population, out var t) ? t : throw new ArgumentException($"population '{population}' was not started with BeginPopulation");

    private sealed record PopulationTables(int CellCount, Hdf5Group Group, Hdf5Group Synapses, Hdf5Dataset Cell, Hdf5Dataset Synapse, Hdf5Dataset Segment,
        Hdf5Dataset NetworkPopulation, Hdf5Dataset PresynapticGid, Hdf5Dataset DelayMs, Hdf5Dataset Weight, Hdf5Dataset SynapseType, Hdf5Dataset TauMs) : IDisposable
    {
        public bool CellsWritten { get; set; }

        public void Dispose()
        {
            Cell.Dispose();
            Synapse.Dispose();
            Segment.Dispose();
            NetworkPopulation.Dispose();
            PresynapticGid.Dispose();
            DelayMs.Dispose();
            Weight.Dispose();
            SynapseType.Dispose();
            TauMs.Dispose();
            Synapses.Dispose();
            Group.Dispose();
        }
    }
}
