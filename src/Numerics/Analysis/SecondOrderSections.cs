using System.Buffers;

namespace HybridLfp.Streaming.Numerics.Analysis;

/// <summary>
/// A cascade of biquad sections <c>[b0 b1 b2 a0 a1 a2]</c> (a0 = 1), filtered in transposed direct form II as
/// scipy's <c>sosfilt</c>, with steady-state initial conditions as <c>sosfilt_zi</c> and zero-phase
/// forward–backward filtering as <c>sosfiltfilt(sos, x, padtype='odd', padlen)</c>. Immutable.
/// </summary>
public sealed class SecondOrderSections
{
    private readonly double[,] _sos;

    /// <summary>Wraps a copy of <paramref name="sos"/> (shape [sections, 6], a0 must be 1).</summary>
    public SecondOrderSections(double[,] sos)
    {
        ArgumentNullException.ThrowIfNull(sos);
        if (sos.GetLength(1) != 6 || sos.GetLength(0) < 1)
        {
            throw new ArgumentException("second-order sections have shape [n, 6]", nameof(sos));
        }

        for (var s = 0; s < sos.GetLength(0); s++)
        {
            if (sos[s, 3] != 1.0)
            {
                throw new ArgumentException($"section {s}: a0 = {sos[s, 3]}; expected 1", nameof(sos));
            }
        }

        _sos = (double[,])sos.Clone();
    }

    /// <summary>Number of sections.</summary>
    public int Count => _sos.GetLength(0);

    /// <summary>Coefficient <paramref name="column"/> (0–5: b0 b1 b2 a0 a1 a2) of section <paramref name="section"/>.</summary>
    public double this[int section, int column] => _sos[section, column];

    /// <summary>Default edge padding of <see cref="FilterForwardBackward(ReadOnlySpan{double}, int?)"/>: 3 × (2·sections + 1 − trailing zero taps).</summary>
    public int DefaultPadLength
    {
        get
        {
            int zeroB2 = 0, zeroA2 = 0;
            for (var s = 0; s < Count; s++)
            {
                zeroB2 += _sos[s, 2] == 0 ? 1 : 0;
                zeroA2 += _sos[s, 5] == 0 ? 1 : 0;
            }

            return 3 * (2 * Count + 1 - Math.Min(zeroB2, zeroA2));
        }
    }

    /// <summary>
    /// Steady-state state vector of every section for a unit step input (<c>sosfilt_zi</c>): returns
    /// <c>zi[section][2]</c>; multiply by the first input sample to start without a transient.
    /// </summary>
    public double[][] StepInitialConditions()
    {
        var zi = new double[Count][];
        var scale = 1.0;
        for (var s = 0; s < Count; s++)
        {
            double b0 = _sos[s, 0], b1 = _sos[s, 1], b2 = _sos[s, 2], a1 = _sos[s, 4], a2 = _sos[s, 5];
            // lfilter_zi: solve (I − Aᵀ) zi = b[1:] − a[1:]·b0, companion(a)ᵀ = [[−a1, 1], [−a2, 0]].
            var (z0, z1) = Solve2x2(1 + a1, -1, a2, 1, b1 - a1 * b0, b2 - a2 * b0);
            zi[s] = [scale * z0, scale * z1];
            scale *= (b0 + b1 + b2) / (1 + a1 + a2);
        }

        return zi;
    }

    /// <summary>
    /// Filters <paramref name="x"/> in place, starting from state <paramref name="state"/> (<c>[section][2]</c>,
    /// updated to the final state).
    /// </summary>
    public void Filter(Span<double> x, double[][] state)
    {
        if (state.Length != Count)
        {
            throw new ArgumentException($"state has {state.Length} sections; expected {Count}", nameof(state));
        }

        // Sections interleaved per sample (as scipy): section s at sample n and section s−1 at sample n+1 are
        // independent, so the CPU overlaps the recursions of the sections. Coefficients and state live on the stack.
        var sections = Count;
        Span<double> c = stackalloc double[5 * sections];
        Span<double> z = stackalloc double[2 * sections];
        for (var s = 0; s < sections; s++)
        {
            c[5 * s] = _sos[s, 0];
            c[5 * s + 1] = _sos[s, 1];
            c[5 * s + 2] = _sos[s, 2];
            c[5 * s + 3] = _sos[s, 4];
            c[5 * s + 4] = _sos[s, 5];
            z[2 * s] = state[s][0];
            z[2 * s + 1] = state[s][1];
        }

        for (var n = 0; n < x.Length; n++)
        {
            var current = x[n];
            for (var s = 0; s < sections; s++)
            {
                var k = 5 * s;
                var y = c[k] * current + z[2 * s];
                z[2 * s] = c[k + 1] * current - c[k + 3] * y + z[2 * s + 1];
                z[2 * s + 1] = c[k + 2] * current - c[k + 4] * y;
                current = y;
            }

            x[n] = current;
        }

        for (var s = 0; s < sections; s++)
        {
            state[s][0] = z[2 * s];
            state[s][1] = z[2 * s + 1];
        }
    }

    /// <summary>
    /// Zero-phase filtering (<c>sosfiltfilt</c>): extend both ends by odd reflection over
    /// <paramref name="padLength"/> samples (default <see cref="DefaultPadLength"/>), filter forward starting from
    /// the steady state of the first sample, filter the reversed result starting from the steady state of its first
    /// sample, reverse and trim. Needs more than padLength samples.
    /// </summary>
    public double[] FilterForwardBackward(ReadOnlySpan<double> x, int? padLength = null)
    {
        var result = new double[x.Length];
        FilterForwardBackward(x, result, padLength);
        return result;
    }

    /// <summary>As <see cref="FilterForwardBackward(ReadOnlySpan{double}, int?)"/>, writing into
    /// <paramref name="destination"/> (length of <paramref name="x"/>); allocates nothing per call beyond pooled scratch.</summary>
    public void FilterForwardBackward(ReadOnlySpan<double> x, Span<double> destination, int? padLength = null)
    {
        if (destination.Length != x.Length)
        {
            throw new ArgumentException($"destination has {destination.Length} samples; expected {x.Length}", nameof(destination));
        }

        var edge = padLength ?? DefaultPadLength;
        if (edge < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(padLength), "pad length must be ≥ 0");
        }

        if (x.Length <= edge)
        {
            throw new ArgumentException($"the signal has {x.Length} samples; zero-phase filtering needs more than the pad length {edge}");
        }

        var n = x.Length;
        var rented = ArrayPool<double>.Shared.Rent(n + 2 * edge);
        var ext = rented.AsSpan(0, n + 2 * edge);
        var first = x[0];
        var last = x[n - 1];
        for (var i = 0; i < edge; i++)
        {
            ext[i] = 2 * first - x[edge - i];
            ext[edge + n + i] = 2 * last - x[n - 2 - i];
        }

        x.CopyTo(ext[edge..]);
        var zi = StepInitialConditions();
        Filter(ext, Scaled(zi, ext[0]));
        ext.Reverse();
        Filter(ext, Scaled(zi, ext[0]));
        ext.Reverse();
        ext.Slice(edge, n).CopyTo(destination);
        ArrayPool<double>.Shared.Return(rented);
    }

    private static double[][] Scaled(double[][] zi, double factor) => zi.Select(z => new[] { z[0] * factor, z[1] * factor }).ToArray();

    /// <summary>Solves [[m00, m01], [m10, m11]] · z = r by LU with partial pivoting (as LAPACK's dgesv).</summary>
    private static (double, double) Solve2x2(double m00, double m01, double m10, double m11, double r0, double r1)
    {
        if (Math.Abs(m10) > Math.Abs(m00))
        {
            (m00, m01, m10, m11) = (m10, m11, m00, m01);
            (r0, r1) = (r1, r0);
        }

        var l = m10 / m00;
        var u11 = m11 - l * m01;
        var y1 = r1 - l * r0;
        var z1 = y1 / u11;
        var z0 = (r0 - m01 * z1) / m00;
        return (z0, z1);
    }
}
