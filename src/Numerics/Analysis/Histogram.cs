namespace HybridLfp.Streaming.Numerics.Analysis;

/// <summary>
/// Histogram counting and bin edges with numpy's conventions: bins are [e_k, e_{k+1}) except the last, which is
/// closed; values outside the edges are ignored. <see cref="AutoEdges"/> is numpy's <c>bins='auto'</c> rule.
/// </summary>
public static class Histogram
{
    /// <summary>Counts of <paramref name="values"/> in the bins defined by increasing <paramref name="edges"/>.</summary>
    public static int[] Counts(IEnumerable<double> values, IReadOnlyList<double> edges)
    {
        if (edges.Count < 2)
        {
            throw new ArgumentException("a histogram needs at least two bin edges", nameof(edges));
        }

        var counts = new int[edges.Count - 1];
        var last = edges[^1];
        var first = edges[0];
        var edgeArray = edges as double[] ?? edges.ToArray();
        foreach (var v in values)
        {
            if (!(v >= first && v <= last))
            {
                continue;
            }

            if (v == last)
            {
                counts[^1]++;
                continue;
            }

            // Index of the last edge ≤ v.
            var i = Array.BinarySearch(edgeArray, v);
            i = i >= 0 ? i : ~i - 1;
            while (i + 1 < edgeArray.Length - 1 && edgeArray[i + 1] == v)
            {
                i++;
            }

            counts[Math.Min(i, counts.Length - 1)]++;
        }

        return counts;
    }

    /// <summary>
    /// Edges start, start + step, … (all &lt; stop) followed by stop itself when <paramref name="appendStop"/>
    /// (numpy <c>np.append(np.arange(start, stop, step), stop)</c>).
    /// </summary>
    public static double[] UniformEdges(double start, double stop, double step, bool appendStop)
    {
        if (!(step > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "bin size must be > 0");
        }

        var n = Math.Max(0, (int)Math.Ceiling((stop - start) / step));
        var edges = Enumerable.Range(0, n).Select(k => start + k * step).ToList();
        if (appendStop)
        {
            edges.Add(stop);
        }

        return [.. edges];
    }

    /// <summary>
    /// numpy's <c>histogram_bin_edges(values, 'auto')</c>: bin width min(Freedman–Diaconis 2·IQR·n^(−1/3),
    /// Sturges range/(log2 n + 1)) (Sturges alone when the IQR is 0), equal bins over [min, max]
    /// ([min − 0.5, max + 0.5] when all values are equal).
    /// </summary>
    public static double[] AutoEdges(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return [0.0, 1.0];
        }

        var sorted = values.Order().ToArray();
        double first = sorted[0], last = sorted[^1];
        if (first == last)
        {
            (first, last) = (first - 0.5, last + 0.5);
        }

        var n = sorted.Length;
        var range = sorted[^1] - sorted[0];
        var sturges = range / (Math.Log2(n) + 1.0);
        var iqr = Percentile(sorted, 75) - Percentile(sorted, 25);
        var fd = 2.0 * iqr * Math.Pow(n, -1.0 / 3.0);
        var width = fd > 0 ? Math.Min(fd, sturges) : sturges;
        var bins = width > 0 ? (int)Math.Ceiling((last - first) / width) : 1;
        bins = Math.Max(1, bins);
        return Enumerable.Range(0, bins + 1).Select(k => k == bins ? last : first + (last - first) * k / bins).ToArray();
    }

    /// <summary>Percentile with linear interpolation (numpy's default) of sorted values.</summary>
    public static double Percentile(double[] sorted, double percent)
    {
        var position = percent / 100.0 * (sorted.Length - 1);
        var lo = (int)Math.Floor(position);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (position - lo) * (sorted[hi] - sorted[lo]);
    }
}
