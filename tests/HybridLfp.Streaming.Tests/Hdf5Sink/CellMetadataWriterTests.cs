using HybridLfp.Streaming.Blocks.Sinks.Hdf5;

namespace HybridLfp.Streaming.Tests.Hdf5Sink;

public sealed class CellMetadataWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hlfp-h5meta-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void PositionsRotationsAndSynapseTable_ReadBackWithH5dump()
    {
        var file = Path.Combine(_dir, "cells.h5");
        double[] positions = [1.5, -2.25, -400.125, 10.0 / 3, 0, -375.5];
        double[] rotations = [double.NaN, double.NaN, 0.5, 0.1, -0.2, Math.PI / 7];
        using (var writer = new CellMetadataWriter(file))
        {
            writer.WritePopulation("EX", positions, rotations, ["EX", "IN"], ["ExpSynI", "AlphaISyn"]);
            writer.AppendSynapses("EX", new CellSynapseColumns([0, 0, 0], [0, 1, 2], [4, 7, 9], [0, 0, 1], [3, 17, 201], [1.5, 1.6, 1.5], [0.2, 0.2, -1.24],
                [1, 1, 0], [0.5, 0.5, 2.0]));
            writer.AppendSynapses("EX", new CellSynapseColumns([1, 1], [0, 0], [2, 2], [1, 0], [240, 5], [1.7, 1.5], [-1.24, 0.2], [0, 1], [2.0, 0.5]));
        }

        var pos = H5DumpReader.Dataset(file, "/EX/soma_positions");
        Assert.Equal([2L, 3L], pos.Dims);
        Assert.Equal(positions, pos.Values);
        var rot = H5DumpReader.Dataset(file, "/EX/rotations");
        Assert.True(double.IsNaN(rot.Values[0]) && double.IsNaN(rot.Values[1]));
        Assert.Equal(rotations[2..], rot.Values[2..]);
        Assert.Equal([0.0, 0, 0, 1, 1], H5DumpReader.Dataset(file, "/EX/synapses/cell").Values);
        Assert.Equal([4.0, 7, 9, 2, 2], H5DumpReader.Dataset(file, "/EX/synapses/segment").Values);
        Assert.Equal([0.0, 1, 2, 0, 0], H5DumpReader.Dataset(file, "/EX/synapses/synapse").Values);
        Assert.Equal([0.0, 0, 1, 1, 0], H5DumpReader.Dataset(file, "/EX/synapses/network_population").Values);
        Assert.Equal([1.0, 1, 0, 0, 1], H5DumpReader.Dataset(file, "/EX/synapses/synapse_type").Values);
        Assert.Equal([0.5, 0.5, 2.0, 2.0, 0.5], H5DumpReader.Dataset(file, "/EX/synapses/tau_ms").Values);
        Assert.Equal([3.0, 17, 201, 240, 5], H5DumpReader.Dataset(file, "/EX/synapses/presynaptic_gid").Values);
        Assert.Equal([1.5, 1.6, 1.5, 1.7, 1.5], H5DumpReader.Dataset(file, "/EX/synapses/delay_ms").Values);
        Assert.Equal([0.2, 0.2, -1.24, -1.24, 0.2], H5DumpReader.Dataset(file, "/EX/synapses/weight").Values);
        Assert.Equal("H5S_UNLIMITED", H5DumpReader.Dataset(file, "/EX/synapses/weight").MaxDims[0]);
        Assert.Equal("EX,IN", H5DumpReader.Attribute(file, "/EX/network_populations").Value);
        Assert.Equal("ExpSynI,AlphaISyn", H5DumpReader.Attribute(file, "/EX/synapse_types").Value);
    }

    [Fact]
    public void MismatchedColumns_AreRejected()
    {
        using var writer = new CellMetadataWriter(Path.Combine(_dir, "cells.h5"));
        writer.WritePopulation("IN", [0, 0, 0], [0, 0, 0], ["EX"], ["ExpSynI"]);
        Assert.Throws<ArgumentException>(() => writer.AppendSynapses("IN", new CellSynapseColumns([0], [0], [1, 2], [0], [1], [1.0], [1.0], [0], [1.0])));
        Assert.Throws<ArgumentException>(() => writer.AppendSynapses("IN", new CellSynapseColumns([0], [0], [1], [0], [1], [1.0], [1.0], [0], [])));
        Assert.Throws<ArgumentException>(() => writer.AppendSynapses("EX", new CellSynapseColumns([0], [0], [1], [0], [1], [1.0], [1.0], [0], [1.0])));
        Assert.Throws<ArgumentException>(() => writer.WriteCells("IN", [0, 0, 0], [0, 0, 0])); // already written
        writer.BeginPopulation("EX", 2, ["EX"], ["ExpSynI"]);
        Assert.Throws<ArgumentException>(() => writer.WriteCells("EX", [0, 0, 0], [0, 0, 0])); // 1 cell of 2
    }
}
