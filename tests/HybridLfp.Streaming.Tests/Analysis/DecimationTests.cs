using HybridLfp.Streaming.Numerics.Analysis;
using HybridLfp.Streaming.Tests.Support;

namespace HybridLfp.Streaming.Tests.Analysis;

/// <summary>
/// scipy-compatible decimation: filter design against the coefficients hybridLFPy used, analytic DC response, and
/// the single-cell signals of the hybrid reference case.
/// </summary>
public sealed class DecimationTests
{
    [Fact]
    public void Cheby1DesignMatchesReferenceSections()
    {
        using var reference = ReferenceCase.OpenCase("hybrid_brunel_injected_public");
        var decimation = reference.Inputs.GetProperty("decimation");
        var expected = ReferenceCase.Matrix(decimation.GetProperty("sos"));
        var q = reference.Inputs.GetProperty("decimatefrac").GetInt32();
        var sos = Decimation.AntiAliasingFilter(q);
        Assert.Equal(expected.Length, sos.Count);
        for (var s = 0; s < sos.Count; s++)
        {
            for (var c = 0; c < 6; c++)
            {
                Assert.True(Math.Abs(expected[s][c] - sos[s, c]) <= 1e-14 * Math.Max(1, Math.Abs(expected[s][c])),
                    $"section {s} coefficient {c}: {sos[s, c]:R} vs {expected[s][c]:R}");
            }
        }

        Assert.Equal(decimation.GetProperty("padlen").GetInt32(), sos.DefaultPadLength);
    }

    [Theory]
    [InlineData(5, 0.5, 0.3)]
    [InlineData(8, 0.05, 0.8)]
    [InlineData(7, 1.0, 0.1)]
    [InlineData(4, 0.2, 0.5)]
    public void Cheby1ResponseHasRippleAtCutoffAndAtDc(int order, double rippleDb, double cutoff)
    {
        // Chebyshev I: |H| at the band edge ω = π·Wn equals the ripple level 10^(−rp/20); at DC it is 1 for odd
        // orders and 10^(−rp/20) for even orders.
        var sos = ChebyshevType1Design.Lowpass(order, rippleDb, cutoff);
        Assert.Equal((order + 1) / 2, sos.Count);
        var ripple = Math.Pow(10, -rippleDb / 20);
        Assert.Equal(order % 2 == 1 ? 1.0 : ripple, Magnitude(sos, 0.0), 1e-12);
        Assert.Equal(ripple, Magnitude(sos, Math.PI * cutoff), 1e-10);
        Assert.True(Magnitude(sos, Math.PI * Math.Min(0.999, cutoff * 1.5)) < ripple);
    }

    private static double Magnitude(SecondOrderSections sos, double omega)
    {
        var z = System.Numerics.Complex.FromPolarCoordinates(1, -omega); // z^-1
        var h = System.Numerics.Complex.One;
        for (var s = 0; s < sos.Count; s++)
        {
            h *= (sos[s, 0] + sos[s, 1] * z + sos[s, 2] * z * z) / (sos[s, 3] + sos[s, 4] * z + sos[s, 5] * z * z);
        }

        return h.Magnitude;
    }

    [Theory]
    [InlineData(1, 500)]
    [InlineData(4, 501)]
    [InlineData(10, 1000)]
    public void DecimatedConstantIsConstantTimesSquaredDcGain(int q, int n)
    {
        // An even-order Chebyshev I low-pass passes DC with gain 10^(−rp/20) (the ripple trough); forward plus
        // backward filtering squares it. With steady-state initial conditions there is no edge transient.
        var x = Enumerable.Repeat(2.5, n).ToArray();
        var y = Decimation.Decimate(x, q);
        Assert.Equal((n + q - 1) / q, y.Length);
        var expected = 2.5 * Math.Pow(10, -Decimation.RippleDb / 10);
        Assert.All(y, v => Assert.Equal(expected, v, 1e-12));
    }

    [Fact]
    public void DecimateKeepsSlowSineAndRemovesFastSine()
    {
        // q = 5 at dt = 0.1 ms: new Nyquist 1 kHz, cutoff 0.8 kHz. 20 Hz passes (gain within the ripple, squared),
        // 3 kHz is far in the stop band.
        const int n = 5000;
        var slow = Enumerable.Range(0, n).Select(i => Math.Sin(2 * Math.PI * 20 * i * 1e-4)).ToArray();
        var fast = Enumerable.Range(0, n).Select(i => Math.Sin(2 * Math.PI * 3000 * i * 1e-4)).ToArray();
        var ys = Decimation.Decimate(slow, 5);
        var yf = Decimation.Decimate(fast, 5);
        for (var i = 50; i < ys.Length - 50; i++)
        {
            Assert.True(Math.Abs(ys[i] - slow[5 * i]) < 0.012, $"slow sine sample {i}: {ys[i]} vs {slow[5 * i]}");
            Assert.True(Math.Abs(yf[i]) < 1e-4, $"fast sine sample {i}: {yf[i]}");
        }
    }

    [Fact]
    public void DecimatedSingleCellSignalsMatchHybridLfpy()
    {
        using var reference = ReferenceCase.OpenCase("hybrid_brunel_injected_public");
        var q = reference.Inputs.GetProperty("decimatefrac").GetInt32();
        var populations = reference.Inputs.GetProperty("populations");
        var filter = Decimation.AntiAliasingFilter(q);
        var checkedSignals = 0;
        foreach (var cell in reference.Outputs.GetProperty("single_cells").EnumerateArray())
        {
            var population = cell.GetProperty("population").GetString()!;
            var cellIndex = cell.GetProperty("cellindex").GetInt32();
            var imem = ReferenceCase.Matrix(cell.GetProperty("imem"));
            var cellInputs = populations.GetProperty(population).GetProperty("cells").EnumerateArray()
                .Single(c => c.GetProperty("cellindex").GetInt32() == cellIndex);
            foreach (var measure in cell.GetProperty("decimated").EnumerateObject())
            {
                var m = ReferenceCase.Matrix(cellInputs.GetProperty("M").GetProperty(measure.Name));
                var raw = Multiply(m, imem);
                var actual = raw.Select(row => Decimation.Decimate(row, q, filter)).ToArray();
                var expected = ReferenceCase.Matrix(measure.Value);
                var error = ReferenceCase.ErrorRelativeToMax(expected, actual);
                Assert.True(error <= 1e-9, $"{population}[{cellIndex}] {measure.Name}: relative error {error:E3}");
                checkedSignals++;
            }
        }

        Assert.Equal(4, checkedSignals);
    }

    [Fact]
    public void TooShortSignalNamesThePadLength()
    {
        var e = Assert.Throws<ArgumentException>(() => Decimation.Decimate(new double[27], 1));
        Assert.Contains("27", e.Message);
    }

    private static double[][] Multiply(double[][] m, double[][] imem)
    {
        var nt = imem[0].Length;
        return m.Select(row =>
        {
            var result = new double[nt];
            for (var s = 0; s < row.Length; s++)
            {
                var w = row[s];
                var current = imem[s];
                for (var t = 0; t < nt; t++)
                {
                    result[t] += w * current[t];
                }
            }

            return result;
        }).ToArray();
    }
}
