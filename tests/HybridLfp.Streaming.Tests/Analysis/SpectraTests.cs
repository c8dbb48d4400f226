using System.Numerics;
using HybridLfp.Streaming.Numerics.Analysis;

namespace HybridLfp.Streaming.Tests.Analysis;

/// <summary>Spectra, coherence and correlation functions against closed forms.</summary>
public sealed class SpectraTests
{
    private static double[] Noise(int n, int seed)
    {
        var r = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => r.NextDouble() - 0.5).ToArray();
    }

    [Fact]
    public void FrequenciesFollowNumpyFftfreq()
    {
        // n = 5, d = 0.1 ms = 1e-4 s: [0, 1, 2, -2, -1] / (5e-4 s).
        Assert.Equal([0, 2000, 4000, -4000, -2000], FourierTransform.Frequencies(5, 0.1).Select(f => Math.Round(f, 9)));
        Assert.Equal([0, 250, 500, 750, -1000, -750, -500, -250], FourierTransform.Frequencies(8, 0.5).Select(f => Math.Round(f, 9)));
    }

    [Fact]
    public void PowerSpectrumOfPureSinusoidIsOneLine()
    {
        // x = A sin(2π f0 t) on an integer number of periods: |X(±f0)|² = (A n / 2)², zero elsewhere.
        const int n = 1000;
        const double tbin = 1.0; // ms → 1 kHz sampling, df = 1 Hz
        const double a = 3.0;
        const int k0 = 40; // 40 Hz
        var x = Enumerable.Range(0, n).Select(i => a * Math.Sin(2 * Math.PI * k0 * i / n)).ToArray();
        var (freq, power) = Spectra.PowerSpectrum([x], tbin);
        Assert.Equal(40.0, freq[k0], 1e-12);
        var expected = Math.Pow(a * n / 2, 2);
        Assert.Equal(expected, power[0][k0], expected * 1e-12);
        Assert.Equal(expected, power[0][n - k0], expected * 1e-12);
        for (var k = 0; k < n; k++)
        {
            if (k != k0 && k != n - k0)
            {
                Assert.True(power[0][k] < expected * 1e-20, $"bin {k}: {power[0][k]}");
            }
        }

        // Point-process normalization: × 1e3 / T with T = n·tbin ms.
        var (_, normalized) = Spectra.PowerSpectrum([x], tbin, pointProcess: true);
        Assert.Equal(expected * 1e3 / (n * tbin), normalized[0][k0], expected * 1e-12);
    }

    [Fact]
    public void CoherenceOfIdenticalSignalsIsOne()
    {
        var x = Noise(512, 1);
        var (freq, power) = Spectra.PowerSpectrum([x, x], 0.1);
        var (freqCross, cross) = Spectra.CrossSpectrum([x, x], 0.1);
        Assert.Equal(freq, freqCross);
        var coherence = Spectra.Coherence(power, cross);
        foreach (var row in coherence)
        {
            foreach (var pair in row)
            {
                Assert.All(pair, c => Assert.Equal(1.0, c, 1e-12));
            }
        }

        // The mean cross spectrum of two identical units is their power spectrum.
        var (_, meanCross) = Spectra.MeanCrossSpectrum([x, x], 0.1);
        for (var k = 0; k < meanCross.Length; k++)
        {
            Assert.Equal(power[0][k], meanCross[k], 1e-9 * power[0].Max());
        }
    }

    [Fact]
    public void CrossSpectrumIsHermitianWithPowerOnTheDiagonal()
    {
        var x = Noise(256, 2);
        var y = Noise(256, 3);
        var (_, cross) = Spectra.CrossSpectrum([x, y], 1.0);
        var (_, power) = Spectra.PowerSpectrum([x, y], 1.0);
        for (var k = 0; k < 256; k++)
        {
            Assert.Equal(Complex.Conjugate(cross[0][1][k]), cross[1][0][k]);
            Assert.Equal(power[0][k], cross[0][0][k].Real, 1e-9 * power[0].Max());
            Assert.Equal(0.0, cross[1][1][k].Imaginary, 1e-12);
        }
    }

    [Fact]
    public void CompoundSpectraUseTheSumOfUnits()
    {
        var x = Noise(128, 4);
        var y = Noise(128, 5);
        var sum = x.Zip(y, (a, b) => a + b).ToArray();
        var (_, compound) = Spectra.CompoundPowerSpectrum([x, y], 0.5);
        var (_, direct) = Spectra.PowerSpectrum([sum], 0.5);
        Assert.Equal(direct[0], compound);
        var (_, compoundCross) = Spectra.CompoundCrossSpectrum([new[] { x, y }, new[] { sum }], 0.5);
        for (var k = 0; k < 128; k++)
        {
            Assert.Equal(direct[0][k], compoundCross[0][1][k].Real, 1e-9 * direct[0].Max());
        }
    }

    [Fact]
    public void SmoothingAveragesAndDropsTheFirstBins()
    {
        // A flat spectrum stays flat under the rectangular window; ⌊Df/df⌋ leading bins are dropped.
        var n = 200;
        var impulse = new double[n];
        impulse[0] = 2.0; // |X|² = 4 everywhere
        var (freq, power) = Spectra.PowerSpectrum([impulse], 1.0, smoothingHz: 20.0);
        var df = 1000.0 / n;
        Assert.Equal(n - (int)(20.0 / df), freq.Length);
        Assert.Equal(4 * df, freq[0], 1e-12);
        Assert.All(power[0], p => Assert.Equal(4.0, p, 1e-12));
    }

    [Fact]
    public void SmoothedCrossSpectrumDiagonalIsTheSmoothedPowerSpectrum()
    {
        var x = Noise(400, 8);
        var y = Noise(400, 9);
        var (freq, power) = Spectra.PowerSpectrum([x, y], 0.5, smoothingHz: 30);
        var (freqCross, cross) = Spectra.CrossSpectrum([x, y], 0.5, smoothingHz: 30);
        Assert.Equal(freq, freqCross);
        Assert.Equal(400 - (int)(30 / 5.0), freq.Length); // df = 1e3 / (400 · 0.5) = 5 Hz
        for (var k = 0; k < freq.Length; k++)
        {
            Assert.Equal(power[1][k], cross[1][1][k].Magnitude, 1e-9 * power[1].Max());
        }
    }

    [Fact]
    public void MovingAverageKernelHasHalfWindowEitherSide()
    {
        // n = 4: weights 1/4 at lags 0, 1 and −1, −2 (circular); a unit impulse at index 5 spreads to 3…6.
        var y = new double[12];
        y[5] = 1.0;
        var smoothed = MovingAverage.Apply(y, 4.0, 1.0);
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(i is >= 3 and <= 6 ? 0.25 : 0.0, smoothed[i].Real, 1e-15);
        }
    }

    [Fact]
    public void AutocorrelationPeakIsSignalEnergyAtLagZero()
    {
        // Parseval: ifft(|X|²)[0] = Σ x².
        var x = Noise(64, 6);
        var (freq, power) = Spectra.PowerSpectrum([x], 0.5);
        var (time, auto) = CorrelationFunctions.Autocorrelation(freq, power);
        var zero = Array.IndexOf(time, 0.0);
        Assert.Equal(31, zero);
        Assert.Equal(x.Sum(v => v * v), auto[0][zero], 1e-12);
        Assert.Equal(auto[0].Max(), auto[0][zero]);
        // tbin = 1e3 / (2 max f), max f = 31 / (64 · 0.5e-3 s)
        Assert.Equal(1e3 / (2 * 31 / (64 * 0.5e-3)), time[1] - time[0], 1e-12);
    }

    [Fact]
    public void CorrelationCoefficientOfSignalWithItselfAndItsNegative()
    {
        var x = Noise(256, 7);
        var minus = x.Select(v => -v).ToArray();
        var (freq, cross) = Spectra.CrossSpectrum([x, minus], 1.0);
        var (time, crossf) = CorrelationFunctions.Crosscorrelation(freq, cross);
        foreach (var window in new[] { 0.0, 5.0 })
        {
            var cc = CorrelationFunctions.CorrelationCoefficient(time, crossf, window);
            Assert.Equal(1.0, cc[0][0], 1e-12);
            Assert.Equal(1.0, cc[1][1], 1e-12);
            Assert.Equal(-1.0, cc[0][1], 1e-12);
        }
    }
}
