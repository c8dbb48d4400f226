namespace HybridLfp.Streaming.Pipeline.Forward;

/// <summary>An n-dimensional array of doubles (row-major) as the forward command reads and writes it.</summary>
public sealed record ForwardArray(int[] Shape, double[] Values)
{
    /// <summary>A 2-D array from jagged rows.</summary>
    public static ForwardArray FromRows(IReadOnlyList<double[]> rows)
    {
        var cols = rows.Count == 0 ? 0 : rows[0].Length;
        var values = new double[rows.Count * cols];
        for (var r = 0; r < rows.Count; r++)
        {
            rows[r].CopyTo(values, r * cols);
        }

        return new ForwardArray([rows.Count, cols], values);
    }

    /// <summary>The same values with another shape (same element count).</summary>
    public ForwardArray Reshape(params int[] shape)
    {
        if (shape.Aggregate(1, (a, b) => a * b) != Values.Length)
        {
            throw new ArgumentException($"cannot reshape {Values.Length} values to [{string.Join(", ", shape)}].");
        }

        return new ForwardArray(shape, Values);
    }
}
