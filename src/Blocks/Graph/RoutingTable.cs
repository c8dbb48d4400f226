namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>
/// Presynaptic gid → synapse targets, in compressed-row form (targets of one gid contiguous, in the order added).
/// Built once from the cells' connections; immutable afterwards and shared read-only.
/// </summary>
public sealed class RoutingTable
{
    private readonly Dictionary<long, int> _rowOfGid;
    private readonly int[] _rowStart;
    private readonly RouteTarget[] _targets;

    /// <summary>Number of batches targets refer to.</summary>
    public int BatchCount { get; }

    /// <summary>Total number of (gid, target) connections.</summary>
    public int ConnectionCount => _targets.Length;

    private RoutingTable(Dictionary<long, int> rowOfGid, int[] rowStart, RouteTarget[] targets, int batchCount)
    {
        _rowOfGid = rowOfGid;
        _rowStart = rowStart;
        _targets = targets;
        BatchCount = batchCount;
    }

    /// <summary>Targets of <paramref name="gid"/> (empty if it connects nowhere).</summary>
    public ReadOnlySpan<RouteTarget> TargetsOf(long gid) =>
        _rowOfGid.TryGetValue(gid, out var row) ? _targets.AsSpan(_rowStart[row], _rowStart[row + 1] - _rowStart[row]) : [];

    /// <summary>Builds the table from (gid, target) pairs; the order of targets of a gid is the order given.</summary>
    public static RoutingTable Create(IEnumerable<(long Gid, RouteTarget Target)> connections, int batchCount)
    {
        var byGid = new Dictionary<long, List<RouteTarget>>();
        var gidOrder = new List<long>();
        foreach (var (gid, target) in connections)
        {
            if (target.Batch < 0 || target.Batch >= batchCount)
            {
                throw new ArgumentException($"target batch {target.Batch} outside 0…{batchCount - 1}");
            }

            if (!byGid.TryGetValue(gid, out var list))
            {
                byGid[gid] = list = [];
                gidOrder.Add(gid);
            }

            list.Add(target);
        }

        var rowOfGid = new Dictionary<long, int>(gidOrder.Count);
        var rowStart = new int[gidOrder.Count + 1];
        var targets = new List<RouteTarget>();
        for (var r = 0; r < gidOrder.Count; r++)
        {
            rowOfGid[gidOrder[r]] = r;
            rowStart[r] = targets.Count;
            targets.AddRange(byGid[gidOrder[r]]);
        }

        rowStart[^1] = targets.Count;
        return new RoutingTable(rowOfGid, rowStart, [.. targets], batchCount);
    }
}
