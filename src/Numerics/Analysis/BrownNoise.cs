using MathNet.Numerics.Distributions;

namespace HybridLfp.Streaming.Numerics.Analysis;

/// <summary>
/// 1/f² ("brown") noise as LFPy's <c>tools.noise_brown</c>: the cumulative sum of standard Gaussian white noise of
/// length ncols + 10000, optionally filtered by (b, a), of which the first 10000 samples are dropped; every row is
/// then scaled to root-mean-square <c>weight</c>. Draws come from the given <see cref="Random"/> (deterministic for a
/// seeded instance; not numpy's stream).
/// </summary>
public static class BrownNoise
{
    /// <summary>Samples discarded at the start so that the random walk has no visible start-up, as LFPy.</summary>
    public const int Burnin = 10000;

    /// <summary>
    /// Returns <c>noise[row][col]</c> of shape (<paramref name="rows"/>, <paramref name="columns"/>) with per-row RMS
    /// <paramref name="weight"/> (in the unit the caller wants). <paramref name="filterB"/>/<paramref name="filterA"/>
    /// are optional IIR coefficients applied as <c>lfilter(b, a, ·)</c> before the burn-in is dropped.
    /// </summary>
    public static double[][] Generate(int columns, int rows, double weight, Random random, double[]? filterB = null, double[]? filterA = null)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (columns < 1 || rows < 1)
        {
            throw new ArgumentException($"need rows ≥ 1 and columns ≥ 1 (got {rows} × {columns})");
        }

        if ((filterB is null) != (filterA is null))
        {
            throw new ArgumentException("give both filter coefficient arrays b and a, or neither");
        }

        var noise = new double[rows][];
        var walk = new double[columns + Burnin];
        for (var r = 0; r < rows; r++)
        {
            double sum = 0;
            for (var i = 0; i < walk.Length; i++)
            {
                sum += Normal.Sample(random, 0, 1);
                walk[i] = sum;
            }

            var signal = filterB is null ? walk : LinearFilter.Apply(filterB, filterA!, walk);
            var row = signal.AsSpan(Burnin).ToArray();
            double ss = 0;
            foreach (var v in row)
            {
                ss += v * v;
            }

            var rms = Math.Sqrt(ss / row.Length);
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = row[i] / rms * weight;
            }

            noise[r] = row;
        }

        return noise;
    }
}
