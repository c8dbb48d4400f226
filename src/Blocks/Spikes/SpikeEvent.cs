using System.Runtime.InteropServices;

namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>
/// One spike: node <see cref="NodeId"/> of population <see cref="Population"/> (an index into the producing
/// source's <see cref="SpikePopulationTable"/>) fired at <see cref="TimeMs"/>. 16 bytes: the node id (below 2^48) and
/// the population index (below 2^16) share one 64-bit word, which halves sort and spill traffic compared with
/// separate fields.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct SpikeEvent
{
    /// <summary>Largest node id a spike can carry (2^48 − 1).</summary>
    public const long MaxNodeId = (1L << 48) - 1;

    /// <summary>Largest population index (2^16 − 1).</summary>
    public const int MaxPopulation = (1 << 16) - 1;

    private readonly double _timeMs;
    private readonly long _packed;

    /// <param name="timeMs">Spike time (ms).</param>
    /// <param name="nodeId">Node id (NEST gid or SONATA node_id), 0 ≤ id ≤ <see cref="MaxNodeId"/>.</param>
    /// <param name="population">Index in the source's population table, 0 ≤ index ≤ <see cref="MaxPopulation"/>.</param>
    public SpikeEvent(double timeMs, long nodeId, int population)
    {
        if ((ulong)nodeId > MaxNodeId)
        {
            throw new ArgumentOutOfRangeException(nameof(nodeId), nodeId, $"node ids must lie in [0, {MaxNodeId}]");
        }

        if ((uint)population > MaxPopulation)
        {
            throw new ArgumentOutOfRangeException(nameof(population), population, $"population indices must lie in [0, {MaxPopulation}]");
        }

        _timeMs = timeMs;
        _packed = (nodeId << 16) | (long)population;
    }

    private SpikeEvent(double timeMs, long packed)
    {
        _timeMs = timeMs;
        _packed = packed;
    }

    /// <summary>Spike time (ms).</summary>
    public double TimeMs => _timeMs;

    /// <summary>Node id as stored in the file.</summary>
    public long NodeId => (long)((ulong)_packed >> 16);

    /// <summary>Index of the population name in the source's population table.</summary>
    public int Population => (int)(_packed & 0xFFFF);

    /// <summary>(node id, population) as one key ordered by id, then population.</summary>
    internal long IdPopulationKey => _packed;

    /// <summary>This spike with another population index.</summary>
    public SpikeEvent WithPopulation(int population) => new(_timeMs, NodeId, population);

    /// <summary>This spike with another population index that the caller knows is in [0, <see cref="MaxPopulation"/>].</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal SpikeEvent WithPopulationUnchecked(int population) => new(_timeMs, (_packed & ~(long)MaxPopulation) | (uint)population);

    public override string ToString() => $"SpikeEvent {{ TimeMs = {TimeMs}, NodeId = {NodeId}, Population = {Population} }}";
}

/// <summary>The stream order: time, then node id, then population index (ties broken by gid).</summary>
public readonly partial struct SpikeEventComparer : IComparer<SpikeEvent>
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int Compare(SpikeEvent x, SpikeEvent y)
    {
        int c = x.TimeMs.CompareTo(y.TimeMs);
        if (c != 0)
        {
            return c;
        }

        // The packed word orders by node id, then population index.
        return x.IdPopulationKey.CompareTo(y.IdPopulationKey);
    }
}
