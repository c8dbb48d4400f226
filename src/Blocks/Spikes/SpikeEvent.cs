using System.Runtime.InteropServices;

namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>
/// One spike: node <see cref="NodeId"/> of population <see cref="Population"/> (an index into the producing
/// source's <see cref="SpikePopulationTable"/>) fired at <see cref="TimeMs"/>.
/// </summary>
/// <param name="TimeMs">Spike time (ms).</param>
/// <param name="NodeId">Node id (NEST gid or SONATA node_id) as stored in the file.</param>
/// <param name="Population">Index of the population name in the source's population table.</param>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct SpikeEvent(double TimeMs, long NodeId, int Population);

/// <summary>The stream order: time, then node id, then population index (ties broken by gid).</summary>
public readonly struct SpikeEventComparer : IComparer<SpikeEvent>
{
    public int Compare(SpikeEvent x, SpikeEvent y)
    {
        int c = x.TimeMs.CompareTo(y.TimeMs);
        if (c != 0)
        {
            return c;
        }

        c = x.NodeId.CompareTo(y.NodeId);
        return c != 0 ? c : x.Population.CompareTo(y.Population);
    }

    /// <summary>Sorts in stream order, skipping the sort when the span already is in order.</summary>
    public static void SortInPlace(Span<SpikeEvent> spikes)
    {
        var comparer = default(SpikeEventComparer);
        for (int i = 1; i < spikes.Length; i++)
        {
            if (comparer.Compare(spikes[i - 1], spikes[i]) > 0)
            {
                spikes.Sort(comparer);
                return;
            }
        }
    }
}
