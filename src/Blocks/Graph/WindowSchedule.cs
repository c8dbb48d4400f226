namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>
/// The time grid and its windows (DESIGN §2). Steps n = 1 … N advance t to n·dt (N = tstop/dt); output sample m is
/// at t = m·q·dt (q = dt_output/dt), m = 0 … N/q. Window k advances steps k·S + 1 … (k+1)·S (S a multiple of q,
/// S·dt ≤ d_min when possible). An event at time t first affects step a(t) = ⌈t/dt − 1e-9⌉ (NEURON's fixed-step
/// delivery: an event on the grid point t_a is visible at t_a, one inside (t_{a−1}, t_a) takes effect in the step
/// ending at t_a), so it belongs to the window containing step a. The window can be computed once the source
/// watermark W satisfies W + d_min &gt; (k+1)·S·dt: every spike still to come then arrives after the window.
/// Immutable.
/// </summary>
public sealed class WindowSchedule
{
    private const double EventStepTolerance = 1e-9; // in units of dt: float noise of t_spike + delay
    private const double ReleaseTolerance = 2e-9;   // in units of dt, ≥ the event tolerance

    /// <summary>Time step, ms.</summary>
    public double DtMs { get; }

    /// <summary>Output decimation q = dt_output/dt.</summary>
    public int DecimationFactor { get; }

    /// <summary>Steps per window S.</summary>
    public int StepsPerWindow { get; }

    /// <summary>Total steps N.</summary>
    public long TotalSteps { get; }

    /// <summary>Minimum synaptic delay d_min, ms.</summary>
    public double MinDelayMs { get; }

    /// <summary>Number of windows ⌈N/S⌉.</summary>
    public int WindowCount { get; }

    /// <summary>Output samples in total (N/q + 1, sample 0 at t = 0).</summary>
    public long SampleCount => (TotalSteps / DecimationFactor) + 1;

    public WindowSchedule(double dtMs, int decimationFactor, int stepsPerWindow, long totalSteps, double minDelayMs)
    {
        if (!(dtMs > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(dtMs), $"dt must be > 0 ms, got {dtMs}");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(decimationFactor);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepsPerWindow);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSteps);
        if (stepsPerWindow % decimationFactor != 0)
        {
            throw new ArgumentException($"steps per window ({stepsPerWindow}) must be a multiple of the decimation factor ({decimationFactor})");
        }

        if (totalSteps % decimationFactor != 0)
        {
            throw new ArgumentException($"tstop must be a whole number of output samples: {totalSteps} steps is not a multiple of {decimationFactor}");
        }

        if (!(minDelayMs > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(minDelayMs), $"the minimum delay must be > 0 ms, got {minDelayMs}");
        }

        DtMs = dtMs;
        DecimationFactor = decimationFactor;
        StepsPerWindow = stepsPerWindow;
        TotalSteps = totalSteps;
        MinDelayMs = minDelayMs;
        WindowCount = (int)((totalSteps + stepsPerWindow - 1) / stepsPerWindow);
    }

    /// <summary>
    /// The schedule for a run: N = round(tstop/dt), q = round(dt_output/dt), and the longest window S (a multiple
    /// of q) with S·dt ≤ d_min, optionally capped at <paramref name="maxWindowMs"/>; at least q steps.
    /// </summary>
    public static WindowSchedule Create(double dtMs, double dtOutputMs, double tstopMs, double minDelayMs, double? maxWindowMs = null)
    {
        var q = (int)Math.Round(dtOutputMs / dtMs);
        var n = (long)Math.Round(tstopMs / dtMs);
        var limitMs = Math.Min(minDelayMs, maxWindowMs ?? double.PositiveInfinity);
        var blocks = Math.Max(1, (int)Math.Floor((limitMs / (q * dtMs)) + 1e-9));
        return new WindowSchedule(dtMs, q, q * blocks, n, minDelayMs);
    }

    /// <summary>Window <paramref name="index"/>.</summary>
    public WindowInfo Window(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, WindowCount);
        var first = ((long)index * StepsPerWindow) + 1;
        var last = Math.Min((long)(index + 1) * StepsPerWindow, TotalSteps);
        var firstSample = index == 0 ? 0 : (first - 1) / DecimationFactor + 1;
        var lastSample = last / DecimationFactor;
        return new WindowInfo(index, first, last, firstSample, (int)(lastSample - firstSample + 1), (first - 1) * DtMs, last * DtMs);
    }

    /// <summary>First step affected by an event at <paramref name="timeMs"/> (may be ≤ 0 or &gt; N).</summary>
    public long StepOfEvent(double timeMs) => (long)Math.Ceiling((timeMs / DtMs) - EventStepTolerance);

    /// <summary>Window an event at <paramref name="timeMs"/> belongs to; −1 if after tstop (never delivered).</summary>
    public int WindowOfEvent(double timeMs)
    {
        var step = StepOfEvent(timeMs);
        if (step > TotalSteps)
        {
            return -1;
        }

        return step <= 1 ? 0 : (int)((step - 1) / StepsPerWindow);
    }

    /// <summary>True if every event of window <paramref name="index"/> is known once the sources' watermark is <paramref name="watermarkMs"/>.</summary>
    public bool IsReleasable(int index, double watermarkMs)
    {
        if (double.IsPositiveInfinity(watermarkMs))
        {
            return true;
        }

        var endStep = Math.Min((long)(index + 1) * StepsPerWindow, TotalSteps);
        return (watermarkMs + MinDelayMs) / DtMs > endStep + ReleaseTolerance;
    }
}
