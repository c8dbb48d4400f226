namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>In-memory sorting of spikes into stream order (time, then node id, then population).</summary>
public readonly partial struct SpikeEventComparer
{
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
    /// Two-level bucket sort on b(t) = ⌊(t − t_min)·scale⌋, which is monotone (non-decreasing) in t because
    /// subtraction, multiplication by a positive factor and truncation all are, so sorting each bucket on its own
    /// gives the full order. Level 1 scatters into 256 buckets (few enough write streams to stay in cache and TLB);
    /// level 2 sorts each of them with its own range into about two spikes per bucket and lands in place.
    /// False (nothing changed) when the times' range is unusable (NaN, infinite, a single value).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static bool DistributionSort(Span<SpikeEvent> spikes)
    {
        const int TopBuckets = 256;
        int n = spikes.Length;
        if (n < 4 * TopBuckets || !TryGetScale(spikes, TopBuckets, out double tMin, out double scale))
        {
            return false;
        }

        var scratchArray = System.Buffers.ArrayPool<SpikeEvent>.Shared.Rent(n);
        try
        {
            var scratch = scratchArray.AsSpan(0, n);
            Span<int> starts = stackalloc int[TopBuckets + 1];
            Scatter(spikes, scratch, starts, tMin, scale);
            int begin = 0;
            for (int b = 0; b < TopBuckets; b++)
            {
                int end = starts[b];
                SortInto(scratch[begin..end], spikes[begin..end]);
                begin = end;
            }

            return true;
        }
        finally
        {
            System.Buffers.ArrayPool<SpikeEvent>.Shared.Return(scratchArray);
        }
    }

    /// <summary>Sorts <paramref name="source"/> into <paramref name="destination"/> (same length) by one bucket level.</summary>
    private static void SortInto(Span<SpikeEvent> source, Span<SpikeEvent> destination)
    {
        int n = source.Length;
        if (n <= InsertionSortLimit)
        {
            source.CopyTo(destination);
            InsertionSort(destination);
            return;
        }

        int buckets = n / 2;
        if (!TryGetScale(source, buckets, out double tMin, out double scale))
        {
            source.CopyTo(destination);
            SortByTimeKeys(destination);
            return;
        }

        var startsArray = System.Buffers.ArrayPool<int>.Shared.Rent(buckets + 1);
        try
        {
            var starts = startsArray.AsSpan(0, buckets + 1);
            Scatter(source, destination, starts, tMin, scale);
            int begin = 0;
            for (int b = 0; b < buckets; b++)
            {
                int end = starts[b];
                int length = end - begin;
                if (length > 1)
                {
                    var bucket = destination.Slice(begin, length);
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
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(startsArray);
        }
    }

    /// <summary>t_min and the factor mapping [t_min, t_max] onto [0, buckets]; false for an unusable range.</summary>
    private static bool TryGetScale(ReadOnlySpan<SpikeEvent> spikes, int buckets, out double tMin, out double scale)
    {
        tMin = double.PositiveInfinity;
        double tMax = double.NegativeInfinity;
        foreach (ref readonly var s in spikes)
        {
            tMin = Math.Min(tMin, s.TimeMs);
            tMax = Math.Max(tMax, s.TimeMs);
        }

        scale = buckets / (tMax - tMin);
        return double.IsFinite(tMin) && double.IsFinite(tMax) && tMax > tMin && double.IsFinite(scale) && scale > 0;
    }

    /// <summary>
    /// Stable counting scatter of <paramref name="source"/> into <paramref name="destination"/> by bucket
    /// min(⌊(t − t_min)·scale⌋, B − 1), B = starts.Length − 1; afterwards starts[b] is where bucket b ends.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void Scatter(ReadOnlySpan<SpikeEvent> source, Span<SpikeEvent> destination, Span<int> starts, double tMin, double scale)
    {
        int last = starts.Length - 2;
        starts.Clear();
        foreach (ref readonly var s in source)
        {
            starts[Math.Min((int)((s.TimeMs - tMin) * scale), last) + 1]++;
        }

        for (int b = 1; b < starts.Length; b++)
        {
            starts[b] += starts[b - 1];
        }

        foreach (ref readonly var s in source)
        {
            destination[starts[Math.Min((int)((s.TimeMs - tMin) * scale), last)]++] = s;
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
