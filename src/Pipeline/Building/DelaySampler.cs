using HybridLfp.Streaming.Numerics.Randomness;
using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Building;

/// <summary>
/// Synaptic delays, ms. With synDelayScale null every delay is exactly synDelayLoc (no rounding, as hybridLFPy).
/// Otherwise as hybridLFPy: n = trunc(normal(loc/dt, scale/dt)) steps (truncation toward zero, numpy's
/// <c>astype(int)</c>), redrawn while n·dt is below the minimum delay (hybridLFPy: n &lt; 1), delay = n·dt.
/// </summary>
public static class DelaySampler
{
    /// <summary>Redraws per delay before giving up (a loc far below the minimum would never be accepted).</summary>
    public const int MaxRedraws = 10_000;

    /// <param name="rng">stream (seed, population, cell, Delays).</param>
    /// <param name="synapses">synapse parameters of the (y, X) pair.</param>
    /// <param name="dtMs">time step, ms.</param>
    /// <param name="minDelayMs">smallest allowed delay, ms (≥ dt).</param>
    /// <param name="destination">delays, ms.</param>
    public static void Sample(ref CounterRandom rng, SynapseParametersDescription synapses, double dtMs, double minDelayMs, Span<double> destination)
    {
        if (synapses.DelayScaleMs is not { } scale)
        {
            destination.Fill(synapses.DelayLocMs);
            return;
        }

        var minSteps = Math.Max(1, (long)Math.Ceiling((minDelayMs / dtMs) - 1e-9));
        for (var i = 0; i < destination.Length; i++)
        {
            long steps = 0;
            var redraws = 0;
            do
            {
                if (redraws++ > MaxRedraws)
                {
                    throw new InvalidOperationException(
                        $"no delay ≥ {minDelayMs} ms after {MaxRedraws} draws from normal({synapses.DelayLocMs}, {scale}) ms");
                }

                steps = (long)Math.Truncate(rng.NextNormal(synapses.DelayLocMs / dtMs, scale / dtMs));
            }
            while (steps < minSteps);
            destination[i] = steps * dtMs;
        }
    }
}
