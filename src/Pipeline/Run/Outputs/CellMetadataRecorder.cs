using HybridLfp.Streaming.Blocks.Sinks.Hdf5;
using HybridLfp.Streaming.Pipeline.Building;
using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Run.Outputs;

/// <summary>
/// Writes <c>OUT/cells.h5</c> (<see cref="CellMetadataWriter"/>) from the built cells as <see cref="HybridRun"/> reports
/// them: per population the soma positions (µm) and rotations (rad about x, y, z; NaN = none) of every cell, and the
/// synapse table, one row per connection (cell, synapse, segment, network population, presynaptic gid, delay ms,
/// weight nA, synapse type, tau ms). Synapse rows are appended batch by batch; positions and rotations (6 doubles per
/// cell, bounded by the recipe) are written once a population's last cell has been seen.
/// Ownership and threading: owns the file; one thread at a time (the run calls it before simulating); dispose to close.
/// </summary>
public sealed class CellMetadataRecorder : IBuiltCellsObserver, IDisposable
{
    private static readonly string[] SynapseTypes = Enum.GetNames<SynapseType>();
    private readonly RecipeDescription _recipe;
    private readonly CellMetadataWriter _writer;
    private readonly double[][] _positions; // [population][cell·3 + axis], µm
    private readonly double[][] _rotations; // [population][cell·3 + axis], rad
    private readonly int[] _seen;

    /// <summary>Creates (replaces) <paramref name="path"/> with an empty group per population of <paramref name="recipe"/>.</summary>
    public CellMetadataRecorder(RecipeDescription recipe, string path)
    {
        _recipe = recipe;
        _writer = new CellMetadataWriter(path);
        try
        {
            var network = recipe.Network.Select(x => x.Name).ToArray();
            _positions = new double[recipe.Populations.Length][];
            _rotations = new double[recipe.Populations.Length][];
            _seen = new int[recipe.Populations.Length];
            for (var y = 0; y < recipe.Populations.Length; y++)
            {
                var population = recipe.Populations[y];
                _writer.BeginPopulation(population.Name, population.CellCount, network, SynapseTypes);
                _positions[y] = new double[3 * population.CellCount];
                _rotations[y] = new double[3 * population.CellCount];
                if (population.CellCount == 0)
                {
                    _writer.WriteCells(population.Name, [], []);
                }
            }
        }
        catch
        {
            _writer.Dispose();
            throw;
        }
    }

    /// <summary>Path of <c>cells.h5</c>.</summary>
    public string Path => _writer.Path;

    /// <summary>True once every cell of every population has been written.</summary>
    public bool Complete => _recipe.Populations.Select((y, i) => _seen[i] == y.CellCount).All(done => done);

    public void OnBatchBuilt(BatchSlot slot, IReadOnlyList<CellConnectivity> cells)
    {
        var y = slot.PopulationIndex;
        var population = _recipe.Populations[y];
        var rows = cells.Sum(c => c.Connections.Length);
        var cell = new long[rows];
        var synapse = new long[rows];
        var segment = new long[rows];
        var network = new long[rows];
        var gid = new long[rows];
        var delay = new double[rows];
        var weight = new double[rows];
        var type = new long[rows];
        var tau = new double[rows];
        var r = 0;
        foreach (var c in cells)
        {
            var i = c.CellIndex;
            _positions[y][3 * i] = c.SomaPositionUm.X;
            _positions[y][(3 * i) + 1] = c.SomaPositionUm.Y;
            _positions[y][(3 * i) + 2] = c.SomaPositionUm.Z;
            _rotations[y][3 * i] = c.Rotation.XRad ?? double.NaN;
            _rotations[y][(3 * i) + 1] = c.Rotation.YRad ?? double.NaN;
            _rotations[y][(3 * i) + 2] = c.Rotation.ZRad ?? double.NaN;
            foreach (var connection in c.Connections)
            {
                var s = c.Synapses[connection.SynapseIndex];
                cell[r] = i;
                synapse[r] = connection.SynapseIndex;
                segment[r] = s.SegmentIndex;
                network[r] = s.NetworkIndex;
                gid[r] = connection.PresynapticGid;
                delay[r] = connection.DelayMs;
                weight[r] = s.Parameters.Weight;
                type[r] = (long)s.Parameters.Type;
                tau[r] = s.Parameters.Type == SynapseType.Exp2Syn ? s.Parameters.Tau2Ms : s.Parameters.TauMs;
                r++;
            }
        }

        _writer.AppendSynapses(population.Name, new CellSynapseColumns(cell, synapse, segment, network, gid, delay, weight, type, tau));
        _seen[y] += cells.Count;
        if (_seen[y] == population.CellCount)
        {
            _writer.WriteCells(population.Name, _positions[y], _rotations[y]);
        }
    }

    public void Dispose() => _writer.Dispose();
}
