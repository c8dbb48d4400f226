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
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
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

    /// <summary>
    /// Sorts in stream order. Already-ordered data costs one scan; data ordered by time whose ties are out of node-id
    /// order only has its equal-time groups sorted; anything else is sorted by time keys (the primitive-key sort) and
    /// then its equal-time groups by node id and population.
    /// </summary>
    public static void SortInPlace(Span<SpikeEvent> spikes)
    {
        var comparer = default(SpikeEventComparer);
        bool timeOrdered = true;
        bool fullyOrdered = true;
        for (int i = 1; i < spikes.Length; i++)
        {
            double previous = spikes[i - 1].TimeMs;
            double current = spikes[i].TimeMs;
            if (current < previous)
            {
                timeOrdered = false;
                break;
            }

            if (fullyOrdered && current == previous && comparer.Compare(spikes[i - 1], spikes[i]) > 0)
            {
                fullyOrdered = false;
            }
        }

        if (timeOrdered && fullyOrdered)
        {
            return;
        }

        if (!timeOrdered)
        {
            var keys = System.Buffers.ArrayPool<double>.Shared.Rent(spikes.Length);
            try
            {
                var keySpan = keys.AsSpan(0, spikes.Length);
                for (int i = 0; i < spikes.Length; i++)
                {
                    keySpan[i] = spikes[i].TimeMs;
                }

                keySpan.Sort(spikes);
            }
            finally
            {
                System.Buffers.ArrayPool<double>.Shared.Return(keys);
            }
        }

        // Order each group of equal times by node id, then population.
        for (int start = 0; start < spikes.Length;)
        {
            int end = start + 1;
            while (end < spikes.Length && spikes[end].TimeMs == spikes[start].TimeMs)
            {
                end++;
            }

            if (end - start > 1)
            {
                spikes[start..end].Sort(comparer);
            }

            start = end;
        }
    }
}
