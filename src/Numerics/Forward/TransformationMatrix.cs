using System.Numerics;
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
    /// receives for each sample a contiguous vector of <see cref="Rows"/> outputs. SIMD over the input dimension
    /// (<see cref="Vector{T}"/>), four samples per pass over M so each loaded row of M is used four times; no
    /// allocations.
    /// </summary>
    public void ApplyBlock(ReadOnlySpan<double> inputTimeMajor, int sampleCount, Span<double> outputTimeMajor)
    {
        var n = Columns;
        if (inputTimeMajor.Length < sampleCount * n)
        {
            throw new ArgumentException($"input block holds {inputTimeMajor.Length} values; {sampleCount} samples × {n} inputs needed.", nameof(inputTimeMajor));
        }

        if (outputTimeMajor.Length < sampleCount * Rows)
        {
            throw new ArgumentException($"output block holds {outputTimeMajor.Length} values; {sampleCount} samples × {Rows} rows needed.", nameof(outputTimeMajor));
        }

        ReadOnlySpan<double> m = Values;
        var t = 0;
        for (; t + 4 <= sampleCount; t += 4)
        {
            var x0 = inputTimeMajor.Slice(t * n, n);
            var x1 = inputTimeMajor.Slice((t + 1) * n, n);
            var x2 = inputTimeMajor.Slice((t + 2) * n, n);
            var x3 = inputTimeMajor.Slice((t + 3) * n, n);
            var r = 0;
            for (; r + 2 <= Rows; r += 2)
            {
                Dot2x4(m.Slice(r * n, n), m.Slice((r + 1) * n, n), x0, x1, x2, x3, outputTimeMajor, t, r);
            }

            for (; r < Rows; r++)
            {
                Dot4(m.Slice(r * n, n), x0, x1, x2, x3, out var y0, out var y1, out var y2, out var y3);
                outputTimeMajor[t * Rows + r] = y0;
                outputTimeMajor[(t + 1) * Rows + r] = y1;
                outputTimeMajor[(t + 2) * Rows + r] = y2;
                outputTimeMajor[(t + 3) * Rows + r] = y3;
            }
        }

        for (; t < sampleCount; t++)
        {
            var x = inputTimeMajor.Slice(t * n, n);
            for (var r = 0; r < Rows; r++)
            {
                outputTimeMajor[t * Rows + r] = Dot(m.Slice(r * n, n), x);
            }
        }
    }

    /// <summary>Projects one sample (Columns inputs) into Rows outputs.</summary>
    public void ApplySample(ReadOnlySpan<double> input, Span<double> output) => ApplyBlock(input, 1, output);

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var i = 0;
        var sum = 0.0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<double>.Count)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b);
            var acc = Vector<double>.Zero;
            for (var k = 0; k < va.Length; k++)
            {
                acc += va[k] * vb[k];
            }

            sum = Vector.Sum(acc);
            i = va.Length * Vector<double>.Count;
        }

        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>Two rows of M against four samples: 6 loads per 8 multiply-adds. Each output accumulates in the same
    /// order as <see cref="Dot4"/> and <see cref="Dot"/>, so a sample's result does not depend on its place in a block.</summary>
    private void Dot2x4(
        ReadOnlySpan<double> ma, ReadOnlySpan<double> mb,
        ReadOnlySpan<double> x0, ReadOnlySpan<double> x1, ReadOnlySpan<double> x2, ReadOnlySpan<double> x3,
        Span<double> output, int t, int r)
    {
        var i = 0;
        double a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
        if (Vector.IsHardwareAccelerated && ma.Length >= Vector<double>.Count)
        {
            var vma = MemoryMarshal.Cast<double, Vector<double>>(ma);
            var vmb = MemoryMarshal.Cast<double, Vector<double>>(mb);
            var v0 = MemoryMarshal.Cast<double, Vector<double>>(x0);
            var v1 = MemoryMarshal.Cast<double, Vector<double>>(x1);
            var v2 = MemoryMarshal.Cast<double, Vector<double>>(x2);
            var v3 = MemoryMarshal.Cast<double, Vector<double>>(x3);
            Vector<double> sa0 = Vector<double>.Zero, sa1 = sa0, sa2 = sa0, sa3 = sa0, sb0 = sa0, sb1 = sa0, sb2 = sa0, sb3 = sa0;
            for (var k = 0; k < vma.Length; k++)
            {
                var p = vma[k];
                var q = vmb[k];
                var w0 = v0[k];
                var w1 = v1[k];
                var w2 = v2[k];
                var w3 = v3[k];
                sa0 += p * w0;
                sa1 += p * w1;
                sa2 += p * w2;
                sa3 += p * w3;
                sb0 += q * w0;
                sb1 += q * w1;
                sb2 += q * w2;
                sb3 += q * w3;
            }

            a0 = Vector.Sum(sa0);
            a1 = Vector.Sum(sa1);
            a2 = Vector.Sum(sa2);
            a3 = Vector.Sum(sa3);
            b0 = Vector.Sum(sb0);
            b1 = Vector.Sum(sb1);
            b2 = Vector.Sum(sb2);
            b3 = Vector.Sum(sb3);
            i = vma.Length * Vector<double>.Count;
        }

        for (; i < ma.Length; i++)
        {
            var p = ma[i];
            var q = mb[i];
            a0 += p * x0[i];
            a1 += p * x1[i];
            a2 += p * x2[i];
            a3 += p * x3[i];
            b0 += q * x0[i];
            b1 += q * x1[i];
            b2 += q * x2[i];
            b3 += q * x3[i];
        }

        var rows = Rows;
        output[t * rows + r] = a0;
        output[(t + 1) * rows + r] = a1;
        output[(t + 2) * rows + r] = a2;
        output[(t + 3) * rows + r] = a3;
        output[t * rows + r + 1] = b0;
        output[(t + 1) * rows + r + 1] = b1;
        output[(t + 2) * rows + r + 1] = b2;
        output[(t + 3) * rows + r + 1] = b3;
    }

    private static void Dot4(
        ReadOnlySpan<double> m,
        ReadOnlySpan<double> x0, ReadOnlySpan<double> x1, ReadOnlySpan<double> x2, ReadOnlySpan<double> x3,
        out double y0, out double y1, out double y2, out double y3)
    {
        var i = 0;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        if (Vector.IsHardwareAccelerated && m.Length >= Vector<double>.Count)
        {
            var vm = MemoryMarshal.Cast<double, Vector<double>>(m);
            var v0 = MemoryMarshal.Cast<double, Vector<double>>(x0);
            var v1 = MemoryMarshal.Cast<double, Vector<double>>(x1);
            var v2 = MemoryMarshal.Cast<double, Vector<double>>(x2);
            var v3 = MemoryMarshal.Cast<double, Vector<double>>(x3);
            Vector<double> a0 = Vector<double>.Zero, a1 = a0, a2 = a0, a3 = a0;
            for (var k = 0; k < vm.Length; k++)
            {
                var mk = vm[k];
                a0 += mk * v0[k];
                a1 += mk * v1[k];
                a2 += mk * v2[k];
                a3 += mk * v3[k];
            }

            s0 = Vector.Sum(a0);
            s1 = Vector.Sum(a1);
            s2 = Vector.Sum(a2);
            s3 = Vector.Sum(a3);
            i = vm.Length * Vector<double>.Count;
        }

        for (; i < m.Length; i++)
        {
            var mi = m[i];
            s0 += mi * x0[i];
            s1 += mi * x1[i];
            s2 += mi * x2[i];
            s3 += mi * x3[i];
        }

        y0 = s0;
        y1 = s1;
        y2 = s2;
        y3 = s3;
    }
}
