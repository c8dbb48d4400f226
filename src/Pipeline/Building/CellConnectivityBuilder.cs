using System.Collections.Immutable;
using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Building;

/// <summary>
/// Turns a cell's draws into synapse objects and connections the way hybridLFPy inserts them: for each X, for each
/// layer, one synapse per distinct segment index (increasing, as <c>np.unique</c>), fed by every drawn connection
/// to that segment. Synapses are numbered in that order (X, layer, segment), which is hybridLFPy's creation order.
/// For linear synapses merging trains on one object is the same as separate objects; the order fixes how
/// the engine sums them.
/// </summary>
public static class CellConnectivityBuilder
{
    public static CellConnectivity Build(RecipeDescription recipe, PopulationDescription population, CellDrawsDescription draws)
    {
        var synapses = ImmutableArray.CreateBuilder<SynapseInstance>();
        var connections = ImmutableArray.CreateBuilder<SynapticConnection>();
        for (var x = 0; x < draws.Connections.Length; x++)
        {
            for (var l = 0; l < draws.Connections[x].Length; l++)
            {
                var group = draws.Connections[x][l];
                var unique = group.SegmentIndices.Distinct().Order().ToArray();
                var first = synapses.Count;
                foreach (var segment in unique)
                {
                    synapses.Add(new SynapseInstance(segment, x, l, population.Synapses[x]));
                }

                for (var i = 0; i < group.SegmentIndices.Length; i++)
                {
                    var synapse = first + Array.BinarySearch(unique, group.SegmentIndices[i]);
                    connections.Add(new SynapticConnection(group.PresynapticGids[i], synapse, group.DelaysMs[i]));
                }
            }
        }

        return new CellConnectivity(population.Name, draws.CellIndex, draws.SomaPositionUm, draws.Rotation,
            synapses.ToImmutable(), connections.ToImmutable());
    }
}
