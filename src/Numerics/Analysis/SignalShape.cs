namespace HybridLfp.Streaming.Numerics.Analysis;

/// <summary>Shape checks shared by the analysis helpers (data are jagged arrays: first index unit, second time).</summary>
internal static class SignalShape
{
    /// <summary>Throws unless <paramref name="data"/> has at least one row, all rows with the same non-zero length.</summary>
    public static int CheckRectangular(IReadOnlyList<double[]> data, string name)
    {
        ArgumentNullException.ThrowIfNull(data, name);
        if (data.Count == 0)
        {
            throw new ArgumentException("expected at least one unit (row)", name);
        }

        var n = data[0]?.Length ?? throw new ArgumentException("row 0 is null", name);
        for (var i = 1; i < data.Count; i++)
        {
            if (data[i] is null || data[i].Length != n)
            {
                throw new ArgumentException($"row {i} has {data[i]?.Length ?? 0} samples; row 0 has {n} (rows must have equal length)", name);
            }
        }

        if (n == 0)
        {
            throw new ArgumentException("rows are empty; expected at least one time sample", name);
        }

        return n;
    }
}
