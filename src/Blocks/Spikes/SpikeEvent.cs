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

    public override string ToString() => $"SpikeEvent {{ TimeMs = {TimeMs}, NodeId = {NodeId}, Population = {Population} }}";
}

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

        // The packed word orders by node id, then population index.
        return x.IdPopulationKey.CompareTo(y.IdPopulationKey);
    }

    /// <summary>
    /// Sorts in stream order. Already-ordered data costs one scan; data ordered by time whose ties are out of node-id
    /// order only has its equal-time groups sorted; anything else is distributed into buckets by a monotone map of
    /// its time (about two spikes per bucket, so uniform-ish times need only a few moves per spike), each bucket then
    /// sorted on its own (insertion sort when small, the primitive-key sort when large, e.g. many equal times).
    /// Needs a scratch copy of the span (rented) while sorting unordered data.
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

        if (timeOrdered)
        {
            SortEqualTimeGroups(spikes);
        }
        else if (!DistributionSort(spikes))
        {
            SortByTimeKeys(spikes);
        }
    }

    private const int InsertionSortLimit = 24;

    /// <summary>
    /// Bucket sort on b(t) = ⌊(t − t_min)·scale⌋: b is monotone (non-decreasing) in t because subtraction, a
    /// multiplication by a positive factor and truncation all are, so sorting each bucket gives the full order.
    /// False (nothing changed) when the times' range is unusable (NaN, infinite, a single value).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static bool DistributionSort(Span<SpikeEvent> spikes)
    {
        int n = spikes.Length;
        if (n < 256)
        {
            return false;
        }

        double tMin = double.PositiveInfinity;
        double tMax = double.NegativeInfinity;
        foreach (ref readonly var s in spikes)
        {
            tMin = Math.Min(tMin, s.TimeMs);
            tMax = Math.Max(tMax, s.TimeMs);
        }

        int buckets = n / 2;
        double scale = buckets / (tMax - tMin);
        if (!double.IsFinite(tMin) || !double.IsFinite(tMax) || !(tMax > tMin) || !double.IsFinite(scale) || !(scale > 0))
        {
            return false;
        }

        var pool = System.Buffers.ArrayPool<SpikeEvent>.Shared;
        var scratchArray = pool.Rent(n);
        var startsArray = System.Buffers.ArrayPool<int>.Shared.Rent(buckets + 1);
        try
        {
            var starts = startsArray.AsSpan(0, buckets + 1);
            starts.Clear();
            int last = buckets - 1;
            foreach (ref readonly var s in spikes)
            {
                starts[Math.Min((int)((s.TimeMs - tMin) * scale), last) + 1]++;
            }

            for (int b = 1; b <= buckets; b++)
            {
                starts[b] += starts[b - 1];
            }

            // Scatter (stable); afterwards starts[b] is the end of bucket b, i.e. the start of bucket b + 1.
            var scratch = scratchArray.AsSpan(0, n);
            foreach (ref readonly var s in spikes)
            {
                int b = Math.Min((int)((s.TimeMs - tMin) * scale), last);
                scratch[starts[b]++] = s;
            }

            int begin = 0;
            for (int b = 0; b < buckets; b++)
            {
                int end = starts[b];
                int length = end - begin;
                if (length > 1)
                {
                    var bucket = scratch.Slice(begin, length);
                    if (length <= InsertionSortLimit)
                    {
                        InsertionSort(bucket);
                    }
                    else
                    {
                        SortByTimeKeys(bucket);
                    }
                }

                begin = end;
            }

            scratch.CopyTo(spikes);
            return true;
        }
        finally
        {
            pool.Return(scratchArray);
            System.Buffers.ArrayPool<int>.Shared.Return(startsArray);
        }
    }

    private static void InsertionSort(Span<SpikeEvent> spikes)
    {
        var comparer = default(SpikeEventComparer);
        for (int i = 1; i < spikes.Length; i++)
        {
            var item = spikes[i];
            int j = i - 1;
            while (j >= 0 && comparer.Compare(spikes[j], item) > 0)
            {
                spikes[j + 1] = spikes[j];
                j--;
            }

            spikes[j + 1] = item;
        }
    }

    /// <summary>General path: sort by time keys (primitive-key introsort), then each equal-time group.</summary>
    private static void SortByTimeKeys(Span<SpikeEvent> spikes)
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

        SortEqualTimeGroups(spikes);
    }

    /// <summary>Orders each group of equal times (already adjacent) by node id, then population.</summary>
    private static void SortEqualTimeGroups(Span<SpikeEvent> spikes)
    {
        var comparer = default(SpikeEventComparer);
        for (int start = 0; start < spikes.Length;)
        {
            int end = start + 1;
            while (end < spikes.Length && spikes[end].TimeMs == spikes[start].TimeMs)
            {
                end++;
            }

            if (end - start > 1)
            {
                var group = spikes[start..end];
                if (group.Length <= InsertionSortLimit)
                {
                    InsertionSort(group);
                }
                else
                {
                    group.Sort(comparer);
                }
            }

            start = end;
        }
    }
}
