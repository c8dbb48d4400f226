using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Pipeline.Building;

namespace HybridLfp.Streaming.Pipeline.Run;

/// <summary>Builds the router's gid → (batch, cell, synapse, delay) table from the built cells of every batch.</summary>
public static class RoutingTableBuilder
{
    /// <param name="cellsByBatch">cellsByBatch[b][i]: the i-th cell of batch b.</param>
    public static RoutingTable Create(IReadOnlyList<IReadOnlyList<CellConnectivity>> cellsByBatch)
    {
        IEnumerable<(long, RouteTarget)> Connections()
        {
            for (var b = 0; b < cellsByBatch.Count; b++)
            {
                for (var i = 0; i < cellsByBatch[b].Count; i++)
                {
                    foreach (var c in cellsByBatch[b][i].Connections)
                    {
                        yield return (c.PresynapticGid, new RouteTarget(b, i, c.SynapseIndex, c.DelayMs));
                    }
                }
            }
        }

        return RoutingTable.Create(Connections(), cellsByBatch.Count);
    }
}
