using HybridLfp.Streaming.Blocks.Interop.Hdf5;

namespace HybridLfp.Streaming.Blocks.Sinks.Hdf5;

/// <summary>
/// Writes cell metadata from plain arrays into one HDF5 file (usually <c>OUT/cells.h5</c>), one group per
/// population: <c>soma_positions</c> (cells × 3, µm), <c>rotations</c> (cells × 3, rad about x, y, z; NaN = no
/// rotation about that axis), and a synapse table as parallel 1-D datasets under <c>synapses/</c>: <c>cell</c>
/// (cell index), <c>segment</c> (segment index), <c>network_population</c> (index into the group attribute
/// <c>network_populations</c>, comma-separated), <c>presynaptic_gid</c>, <c>delay_ms</c> (ms) and <c>weight</c>
/// (nA or µS). Synapses are appended in slices (e.g. per cell batch) to extendible datasets, so the writer holds
/// none of them. Threading: one thread at a time; dispose to close the file.
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

    /// <summary>
    /// Starts a population: writes its soma positions and rotations (row-major, cells × 3) and prepares its synapse
    /// table. <paramref name="networkPopulations"/> names the indices used by <see cref="AppendSynapses"/>.
    /// </summary>
    public void WritePopulation(string population, ReadOnlySpan<double> somaPositionsUm, ReadOnlySpan<double> rotationsRad, IReadOnlyList<string> networkPopulations)
    {
        if (somaPositionsUm.Length % 3 != 0 || rotationsRad.Length != somaPositionsUm.Length)
        {
            throw new ArgumentException($"population '{population}': positions and rotations must both be cells × 3 values (got {somaPositionsUm.Length} and {rotationsRad.Length})");
        }

        if (_populations.ContainsKey(population))
        {
            throw new ArgumentException($"population '{population}' was already written");
        }

        var group = _file.CreateGroup(population);
        int cells = somaPositionsUm.Length / 3;
        group.WriteDoubleDataset("soma_positions", somaPositionsUm, cells, 3);
        group.WriteDoubleDataset("rotations", rotationsRad, cells, 3);
        group.WriteUtf8Attribute("network_populations", string.Join(",", networkPopulations));
        group.WriteDoubleAttribute("cell_count", cells);
        var synapses = group.CreateGroup("synapses");
        _populations[population] = new PopulationTables(group, synapses,
            synapses.CreateExtendible("cell", Hdf5Library.Globals.StdI64Le, 4096),
            synapses.CreateExtendible("segment", Hdf5Library.Globals.StdI64Le, 4096),
            synapses.CreateExtendible("network_population", Hdf5Library.Globals.StdI64Le, 4096),
            synapses.CreateExtendible("presynaptic_gid", Hdf5Library.Globals.StdI64Le, 4096),
            synapses.CreateExtendible("delay_ms", Hdf5Library.Globals.IeeeF64Le, 4096),
            synapses.CreateExtendible("weight", Hdf5Library.Globals.IeeeF64Le, 4096));
    }

    /// <summary>Appends synapses (parallel arrays of equal length) to a population started by <see cref="WritePopulation"/>.</summary>
    public void AppendSynapses(string population, ReadOnlySpan<long> cell, ReadOnlySpan<long> segment, ReadOnlySpan<long> networkPopulation,
        ReadOnlySpan<long> presynapticGid, ReadOnlySpan<double> delayMs, ReadOnlySpan<double> weight)
    {
        if (!_populations.TryGetValue(population, out var t))
        {
            throw new ArgumentException($"population '{population}' was not started with WritePopulation");
        }

        int n = cell.Length;
        if (segment.Length != n || networkPopulation.Length != n || presynapticGid.Length != n || delayMs.Length != n || weight.Length != n)
        {
            throw new ArgumentException($"population '{population}': synapse columns differ in length");
        }

        t.Cell.AppendInt64(cell);
        t.Segment.AppendInt64(segment);
        t.NetworkPopulation.AppendInt64(networkPopulation);
        t.PresynapticGid.AppendInt64(presynapticGid);
        t.DelayMs.AppendDouble(delayMs);
        t.Weight.AppendDouble(weight);
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

    private sealed record PopulationTables(Hdf5Group Group, Hdf5Group Synapses, Hdf5Dataset Cell, Hdf5Dataset Segment, Hdf5Dataset NetworkPopulation,
        Hdf5Dataset PresynapticGid, Hdf5Dataset DelayMs, Hdf5Dataset Weight) : IDisposable
    {
        public void Dispose()
        {
            Cell.Dispose();
            Segment.Dispose();
            NetworkPopulation.Dispose();
            PresynapticGid.Dispose();
            DelayMs.Dispose();
            Weight.Dispose();
            Synapses.Dispose();
            Group.Dispose();
        }
    }
}
