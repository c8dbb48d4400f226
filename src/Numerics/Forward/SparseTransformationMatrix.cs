namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>
/// A transformation matrix in compressed sparse row form, for maps where most entries are zero (the volumetric CSD:
/// each segment touches a few voxels). Same meaning and units as the dense <see cref="TransformationMatrix"/>.
/// </summary>
public sealed class SparseTransformationMatrix
{
    private readonly int[] _rowStart;
    private readonly int[] _columnIndex;
    private readonly double[] _values;

    /// <summary>Number of measurement rows.</summary>
    public int Rows { get; }

    /// <summary>Number of input columns.</summary>
    public int Columns { get; }

    /// <summary>Number of stored (non-zero) entries.</summary>
    public int NonZeroCount => _values.Length;

    /// <summary>Keeps the non-zero entries of a dense matrix.</summary>
    public SparseTransformationMatrix(TransformationMatrix dense)
    {
        Rows = dense.Rows;
        Columns = dense.Columns;
        _rowStart = new int[Rows + 1];
        var cols = new List<int>();
        var vals = new List<double>();
        for (var r = 0; r < Rows; r++)
        {
            var row = dense.Row(r);
            for (var c = 0; c < Columns; c++)
            {
                if (row[c] != 0)
                {
                    cols.Add(c);
                    vals.Add(row[c]);
                }
            }

            _rowStart[r + 1] = vals.Count;
        }

        _columnIndex = [.. cols];
        _values = [.. vals];
    }

    /// <summary>Projects a time-major block (see <see cref="TransformationMatrix.ApplyBlock"/>); no allocations.</summary>
    public void ApplyBlock(ReadOnlySpan<double> inputTimeMajor, int sampleCount, Span<double> outputTimeMajor)
    {
        if (inputTimeMajor.Length < sampleCount * Columns || outputTimeMajor.Length < sampleCount * Rows)
        {
            throw new ArgumentException($"blocks too small for {sampleCount} samples of a {Rows}×{Columns} matrix.");
        }

        for (var t = 0; t < sampleCount; t++)
        {
            var x = inputTimeMajor.Slice(t * Columns, Columns);
            var y = outputTimeMajor.Slice(t * Rows, Rows);
            for (var r = 0; r < Rows; r++)
            {
                var sum = 0.0;
                for (var k = _rowStart[r]; k < _rowStart[r + 1]; k++)
                {
                    sum += _values[k] * x[_columnIndex[k]];
                }

                y[r] = sum;
            }
        }
    }
}
