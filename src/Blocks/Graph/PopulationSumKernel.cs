namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>
/// Sums a window's batch results into per-population sums and the total, in a fixed order: population sum =
/// ((0 + batch b₀) + b₁) + … over the population's batches in batch-index order; total = ((0 + pop₀) + pop₁) + …
/// in population order. Floating-point addition is not associative, so this fixed order is what makes outputs
/// bit-identical for any thread count and any completion order. Returns the batch buffers to the pool.
/// Stateless apart from its configuration; thread-safe.
/// </summary>
public sealed class PopulationSumKernel(IReadOnlyList<int> populationOfBatch, IReadOnlyList<string> populations, IReadOnlyList<ProbeLayout> probes, SignalBufferPool pool)
{
    /// <summary>For the batches of one process (their population indices are all that matters).</summary>
    public PopulationSumKernel(IReadOnlyList<CellBatch> batches, IReadOnlyList<string> populations, IReadOnlyList<ProbeLayout> probes, SignalBufferPool pool)
        : this(batches.Select(b => b.PopulationIndex).ToArray(), populations, probes, pool)
    {
    }

    public WindowFrame Sum(BatchWindowResults results)
    {
        var window = results.Window;
        var sums = new double[probes.Count][][];
        var totals = new double[probes.Count][];
        for (var p = 0; p < probes.Count; p++)
        {
            var length = probes[p].ChannelCount * window.SampleCount;
            sums[p] = new double[populations.Count][];
            for (var y = 0; y < populations.Count; y++)
            {
                sums[p][y] = pool.Rent(length);
            }

            for (var b = 0; b < populationOfBatch.Count; b++)
            {
                Add(sums[p][populationOfBatch[b]], results.Buffers[b][p]);
            }

            totals[p] = pool.Rent(length);
            for (var y = 0; y < populations.Count; y++)
            {
                Add(totals[p], sums[p][y]);
            }
        }

        foreach (var perProbe in results.Buffers)
        {
            foreach (var buffer in perProbe)
            {
                pool.Return(buffer);
            }
        }

        return new WindowFrame(window, probes, populations, sums, totals, results.EventCount, pool);
    }

    // Element-wise, so SIMD and scalar give the same bits.
    private static void Add(Span<double> destination, ReadOnlySpan<double> source)
    {
        var i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            var width = System.Numerics.Vector<double>.Count;
            for (; i <= destination.Length - width; i += width)
            {
                var sum = new System.Numerics.Vector<double>(destination[i..]) + new System.Numerics.Vector<double>(source[i..]);
                sum.CopyTo(destination[i..]);
            }
        }

        for (; i < destination.Length; i++)
        {
            destination[i] += source[i];
        }
    }
}
