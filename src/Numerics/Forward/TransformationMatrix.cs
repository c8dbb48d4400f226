using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>
/// A dense transformation matrix M (Rows × Columns) stored row-major in <see cref="Values"/>: M[r, c] =
/// Values[r * Columns + c]. For models over a cell the columns are segments (currents in nA); for dipole models the
/// columns are the x, y, z components of the current dipole moment (nA·µm). The unit of M is the unit of the
/// measurement divided by the unit of the input, as stated by the model that built it. Immutable by convention:
/// the array is owned by this object and must not be written after construction.
/// </summary>
public sealed class TransformationMatrix
{
    /// <summary>Number of measurement rows.</summary>
    public int Rows { get; }

    /// <summary>Number of input columns (segments, or 3 dipole components).</summary>
    public int Columns { get; }

    /// <summary>Row-major values, length Rows × Columns.</summary>
    public double[] Values { get; }

    public TransformationMatrix(int rows, int columns, double[] values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != rows * columns)
        {
            throw new ArgumentException($"values has {values.Length} elements; expected rows × columns = {rows} × {columns}.", nameof(values));
        }

        Rows = rows;
        Columns = columns;
        Values = values;
    }

    /// <summary>A zero matrix of the given shape.</summary>
    public static TransformationMatrix Zero(int rows, int columns) => new(rows, columns, new double[rows * columns]);

    /// <summary>Element M[row, column].</summary>
    public double this[int row, int column] => Values[row * Columns + column];

    /// <summary>One row of M.</summary>
    public ReadOnlySpan<double> Row(int row) => Values.AsSpan(row * Columns, Columns);

    /// <summary>The matrix as jagged rows (a copy).</summary>
    public double[][] ToJagged()
    {
        var result = new double[Rows][];
        for (var r = 0; r < Rows; r++)
        {
            result[r] = Row(r).ToArray();
        }

        return result;
    }

    /// <summary>Builds a matrix from jagged rows (copied); every row must have the same length.</summary>
    public static TransformationMatrix FromJagged(IReadOnlyList<double[]> rows, string parameterName = "rows")
    {
        var columns = rows.Count == 0 ? 0 : rows[0].Length;
        var values = new double[rows.Count * columns];
        for (var r = 0; r < rows.Count; r++)
        {
            if (rows[r].Length != columns)
            {
                throw new ArgumentException($"{parameterName}: row {r} has {rows[r].Length} columns; expected {columns}.", parameterName);
            }

            rows[r].CopyTo(values, r * columns);
        }

        return new TransformationMatrix(rows.Count, columns, values);
    }

    /// <summary>The product this · other (Rows × other.Columns), e.g. chaining a dipole model after the CDM.</summary>
    public TransformationMatrix Multiply(TransformationMatrix other)
    {
        if (other.Rows != Columns)
        {
            throw new ArgumentException($"cannot multiply {Rows}×{Columns} by {other.Rows}×{other.Columns}.", nameof(other));
        }

        var result = new double[Rows * other.Columns];
        for (var r = 0; r < Rows; r++)
        {
            for (var k = 0; k < Columns; k++)
            {
                var m = Values[r * Columns + k];
                for (var c = 0; c < other.Columns; c++)
                {
                    result[r * other.Columns + c] += m * other.Values[k * other.Columns + c];
                }
            }
        }

        return new TransformationMatrix(Rows, other.Columns, result);
    }

    /// <summary>
    /// Y = M · X for X given as input rows × time (e.g. imem[n_seg][n_t], nA, or P[3][n_t]); returns Rows × time.
    /// Convenience form for whole recordings; the streaming path is <see cref="ApplyBlock"/>.
    /// </summary>
    public double[][] Apply(IReadOnlyList<double[]> inputByTime)
    {
        if (inputByTime.Count != Columns)
        {
            throw new ArgumentException($"input has {inputByTime.Count} rows; the matrix has {Columns} columns.", nameof(inputByTime));
        }

        var nt = Columns == 0 ? 0 : inputByTime[0].Length;
        var result = new double[Rows][];
        for (var r = 0; r < Rows; r++)
        {
            var y = new double[nt];
            for (var c = 0; c < Columns; c++)
            {
                var m = Values[r * Columns + c];
                var x = inputByTime[c];
                if (x.Length != nt)
                {
                    throw new ArgumentException($"input row {c} has {x.Length} samples; expected {nt}.", nameof(inputByTime));
                }

                for (var t = 0; t < nt; t++)
                {
                    y[t] += m * x[t];
                }
            }

            result[r] = y;
        }

        return result;
    }

    /// <summary>
    /// Projects a block of samples: <paramref name="inputTimeMajor"/> holds <paramref name="sampleCount"/> samples,
    /// each a contiguous vector of <see cref="Columns"/> inputs (time-major); <paramref name="outputTimeMajor"/>
    /// receives for each sample a contiguous vector of <see cref="Rows"/> outputs. A register-blocked
    /// matrix–matrix product: 3 rows of M × 4 samples per pass (12 independent <see cref="Vector{T}"/> fused
    /// multiply-add chains, 7 loads per 12 FMAs), so M is read once per 4 samples; no allocations.
    /// Every output y[t, r] is accumulated the same way whichever tile computes it (one vector accumulator over the
    /// SIMD body in column order, its lanes summed by <see cref="Vector.Sum{T}(Vector{T})"/>, then the scalar tail by
    /// fused multiply-add), so a sample's result does not depend on its place in a block or on the block size.
    /// </summary>
    public void ApplyBlock(ReadOnlySpan<double> inputTimeMajor, int sampleCount, Span<double> outputTimeMajor)
    {
        var n = Columns;
        ArgumentOutOfRangeException.ThrowIfNegative(sampleCount);
        if (inputTimeMajor.Length < sampleCount * n)
        {
            throw new ArgumentException($"input block holds {inputTimeMajor.Length} values; {sampleCount} samples × {n} inputs needed.", nameof(inputTimeMajor));
        }

        if (outputTimeMajor.Length < sampleCount * Rows)
        {
            throw new ArgumentException($"output block holds {outputTimeMajor.Length} values; {sampleCount} samples × {Rows} rows needed.", nameof(outputTimeMajor));
        }

        ref var m = ref MemoryMarshal.GetArrayDataReference(Values);
        ref var x = ref MemoryMarshal.GetReference(inputTimeMajor);
        ref var y = ref MemoryMarshal.GetReference(outputTimeMajor);
        var rows = Rows;
        var t = 0;
        for (; t + 4 <= sampleCount; t += 4)
        {
            ref var xt = ref Unsafe.Add(ref x, t * n);
            ref var yt = ref Unsafe.Add(ref y, t * rows);
            var r = 0;
            for (; r + 3 <= rows; r += 3)
            {
                Tile3x4(ref Unsafe.Add(ref m, r * n), n, ref xt, ref Unsafe.Add(ref yt, r), rows);
            }

            for (; r < rows; r++)
            {
                Tile1x4(ref Unsafe.Add(ref m, r * n), n, ref xt, ref Unsafe.Add(ref yt, r), rows);
            }
        }

        for (; t < sampleCount; t++)
        {
            ref var xt = ref Unsafe.Add(ref x, t * n);
            for (var r = 0; r < rows; r++)
            {
                Unsafe.Add(ref y, t * rows + r) = Dot(ref Unsafe.Add(ref m, r * n), ref xt, n);
            }
        }
    }

    /// <summary>Projects one sample (Columns inputs) into Rows outputs.</summary>
    public void ApplySample(ReadOnlySpan<double> input, Span<double> output) => ApplyBlock(input, 1, output);

    /// <summary>Length of the SIMD body of an n-long dot product (0 without hardware SIMD).</summary>
    private static int SimdLength(int n) => Vector.IsHardwareAccelerated ? n - n % Vector<double>.Count : 0;

    /// <summary>One output: the reference accumulation order every tile follows.</summary>
    private static double Dot(ref double m, ref double x, int n)
    {
        var body = SimdLength(n);
        var acc = Vector<double>.Zero;
        for (var i = 0; i < body; i += Vector<double>.Count)
        {
            acc = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref m, (nuint)i), Vector.LoadUnsafe(ref x, (nuint)i), acc);
        }

        var sum = body > 0 ? Vector.Sum(acc) : 0.0;
        for (var i = body; i < n; i++)
        {
            sum = Math.FusedMultiplyAdd(Unsafe.Add(ref m, i), Unsafe.Add(ref x, i), sum);
        }

        return sum;
    }

    /// <summary>Rows r, r+1, r+2 of M (starting at <paramref name="m0"/>, stride n) against samples t … t+3 (starting at
    /// <paramref name="x0"/>, stride n); outputs at <paramref name="y0"/> = y[t, r], sample stride <paramref name="rows"/>.</summary>
    private static void Tile3x4(ref double m0, int n, ref double x0, ref double y0, int rows)
    {
        ref var m1 = ref Unsafe.Add(ref m0, n);
        ref var m2 = ref Unsafe.Add(ref m0, 2 * n);
        ref var x1 = ref Unsafe.Add(ref x0, n);
        ref var x2 = ref Unsafe.Add(ref x0, 2 * n);
        ref var x3 = ref Unsafe.Add(ref x0, 3 * n);
        var body = SimdLength(n);
        Vector<double> a0 = Vector<double>.Zero, a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0, c0 = a0, c1 = a0, c2 = a0, c3 = a0;
        for (var i = 0; i < body; i += Vector<double>.Count)
        {
            var o = (nuint)i;
            var p = Vector.LoadUnsafe(ref m0, o);
            var q = Vector.LoadUnsafe(ref m1, o);
            var s = Vector.LoadUnsafe(ref m2, o);
            var w = Vector.LoadUnsafe(ref x0, o);
            a0 = Vector.FusedMultiplyAdd(p, w, a0);
            b0 = Vector.FusedMultiplyAdd(q, w, b0);
            c0 = Vector.FusedMultiplyAdd(s, w, c0);
            w = Vector.LoadUnsafe(ref x1, o);
            a1 = Vector.FusedMultiplyAdd(p, w, a1);
            b1 = Vector.FusedMultiplyAdd(q, w, b1);
            c1 = Vector.FusedMultiplyAdd(s, w, c1);
            w = Vector.LoadUnsafe(ref x2, o);
            a2 = Vector.FusedMultiplyAdd(p, w, a2);
            b2 = Vector.FusedMultiplyAdd(q, w, b2);
            c2 = Vector.FusedMultiplyAdd(s, w, c2);
            w = Vector.LoadUnsafe(ref x3, o);
            a3 = Vector.FusedMultiplyAdd(p, w, a3);
            b3 = Vector.FusedMultiplyAdd(q, w, b3);
            c3 = Vector.FusedMultiplyAdd(s, w, c3);
        }

        Finish(ref m0, ref x0, body, n, a0, ref y0);
        Finish(ref m0, ref x1, body, n, a1, ref Unsafe.Add(ref y0, rows));
        Finish(ref m0, ref x2, body, n, a2, ref Unsafe.Add(ref y0, 2 * rows));
        Finish(ref m0, ref x3, body, n, a3, ref Unsafe.Add(ref y0, 3 * rows));
        Finish(ref m1, ref x0, body, n, b0, ref Unsafe.Add(ref y0, 1));
        Finish(ref m1, ref x1, body, n, b1, ref Unsafe.Add(ref y0, rows + 1));
        Finish(ref m1, ref x2, body, n, b2, ref Unsafe.Add(ref y0, 2 * rows + 1));
        Finish(ref m1, ref x3, body, n, b3, ref Unsafe.Add(ref y0, 3 * rows + 1));
        Finish(ref m2, ref x0, body, n, c0, ref Unsafe.Add(ref y0, 2));
        Finish(ref m2, ref x1, body, n, c1, ref Unsafe.Add(ref y0, rows + 2));
        Finish(ref m2, ref x2, body, n, c2, ref Unsafe.Add(ref y0, 2 * rows + 2));
        Finish(ref m2, ref x3, body, n, c3, ref Unsafe.Add(ref y0, 3 * rows + 2));
    }

    /// <summary>One row of M against samples t … t+3 (see <see cref="Tile3x4"/>).</summary>
    private static void Tile1x4(ref double m0, int n, ref double x0, ref double y0, int rows)
    {
        ref var x1 = ref Unsafe.Add(ref x0, n);
        ref var x2 = ref Unsafe.Add(ref x0, 2 * n);
        ref var x3 = ref Unsafe.Add(ref x0, 3 * n);
        var body = SimdLength(n);
        Vector<double> a0 = Vector<double>.Zero, a1 = a0, a2 = a0, a3 = a0;
        for (var i = 0; i < body; i += Vector<double>.Count)
        {
            var o = (nuint)i;
            var p = Vector.LoadUnsafe(ref m0, o);
            a0 = Vector.FusedMultiplyAdd(p, Vector.LoadUnsafe(ref x0, o), a0);
            a1 = Vector.FusedMultiplyAdd(p, Vector.LoadUnsafe(ref x1, o), a1);
            a2 = Vector.FusedMultiplyAdd(p, Vector.LoadUnsafe(ref x2, o), a2);
            a3 = Vector.FusedMultiplyAdd(p, Vector.LoadUnsafe(ref x3, o), a3);
        }

        Finish(ref m0, ref x0, body, n, a0, ref y0);
        Finish(ref m0, ref x1, body, n, a1, ref Unsafe.Add(ref y0, rows));
        Finish(ref m0, ref x2, body, n, a2, ref Unsafe.Add(ref y0, 2 * rows));
        Finish(ref m0, ref x3, body, n, a3, ref Unsafe.Add(ref y0, 3 * rows));
    }

    /// <summary>Sums the accumulator's lanes and adds the scalar tail, exactly as <see cref="Dot"/> does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(ref double m, ref double x, int body, int n, Vector<double> acc, ref double y)
    {
        var sum = body > 0 ? Vector.Sum(acc) : 0.0;
        for (var i = body; i < n; i++)
        {
            sum = Math.FusedMultiplyAdd(Unsafe.Add(ref m, i), Unsafe.Add(ref x, i), sum);
        }

        y = sum;
    }
}
