namespace HybridLfp.Streaming.Numerics.Analysis;

/// <summary>
/// Increasing activation (spike) times whose intervals are drawn from a distribution, as LFPy's
/// <c>inputgenerators.get_activation_times_from_distribution</c>: every train starts at tstart plus the cumulative
/// sum of drawn intervals (ms), drawn in blocks of 1000 until the last value reaches tstop, and keeps the values
/// strictly below tstop. Draws come from the caller's sampler (e.g. MathNet's <c>Exponential</c> or <c>Gamma</c>
/// on a seeded <see cref="Random"/>), so trains are deterministic for a seed but do not reproduce numpy's stream.
/// </summary>
public static class ActivationTimes
{
    private const int BlockSize = 1000;

    /// <summary>
    /// <paramref name="count"/> trains on [<paramref name="tStartMs"/>, <paramref name="tStopMs"/>) with intervals
    /// (ms) from <paramref name="drawIntervalMs"/>. Throws after <paramref name="maxIterations"/> extra blocks.
    /// </summary>
    public static double[][] FromDistribution(int count, double tStartMs, double tStopMs, Func<double> drawIntervalMs, int maxIterations = 1_000_000)
    {
        ArgumentNullException.ThrowIfNull(drawIntervalMs);
        if (count < 0 || !(tStopMs >= tStartMs))
        {
            throw new ArgumentException($"need count ≥ 0 and tstop ≥ tstart (got {count}, [{tStartMs}, {tStopMs}] ms)");
        }

        var trains = new double[count][];
        var values = new List<double>();
        for (var i = 0; i < count; i++)
        {
            values.Clear();
            AppendBlock(values, tStartMs, drawIntervalMs);
            var iterations = 0;
            while (values[^1] < tStopMs && iterations < maxIterations)
            {
                AppendBlock(values, values[^1], drawIntervalMs);
                iterations++;
            }

            if (iterations == maxIterations)
            {
                throw new InvalidOperationException($"activation times did not reach tstop = {tStopMs} ms within {maxIterations} blocks of {BlockSize} intervals");
            }

            trains[i] = values.Where(v => v < tStopMs).ToArray();
        }

        return trains;
    }

    /// <summary>
    /// <paramref name="count"/> trains of exactly <paramref name="size"/> values each (LFPy's variant with
    /// <c>size</c> in <c>rvs_args</c>: tstop is ignored): tstart + cumulative sum of drawn intervals (ms).
    /// </summary>
    public static double[][] FromDistribution(int count, double tStartMs, int size, Func<double> drawIntervalMs)
    {
        ArgumentNullException.ThrowIfNull(drawIntervalMs);
        if (count < 0 || size < 0)
        {
            throw new ArgumentException($"need count ≥ 0 and size ≥ 0 (got {count}, {size})");
        }

        var trains = new double[count][];
        for (var i = 0; i < count; i++)
        {
            var train = new double[size];
            double sum = 0;
            for (var k = 0; k < size; k++)
            {
                sum += drawIntervalMs();
                train[k] = sum + tStartMs;
            }

            trains[i] = train;
        }

        return trains;
    }

    private static void AppendBlock(List<double> values, double offset, Func<double> draw)
    {
        double sum = 0;
        for (var k = 0; k < BlockSize; k++)
        {
            sum += draw();
            values.Add(sum + offset);
        }
    }
}
