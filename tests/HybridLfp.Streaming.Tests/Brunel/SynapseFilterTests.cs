using HybridLfp.Streaming.Numerics.Simulation;

namespace HybridLfp.Streaming.Tests.Brunel;

/// <summary>
/// The two-state filter form of the current-based synapses equals the NMODL onset sum
/// i(t) = −Σ w·k((t − t₀)/τ), k(x) = x·e^{1−x} (AlphaISyn) or e^{−x} (ExpSynI), over the onsets with 0 ≤ x ≤ 20,
/// evaluated here directly for every step (the independent check).
/// </summary>
public sealed class SynapseFilterTests
{
    [Fact]
    public void Filter_currents_equal_the_direct_onset_sum_including_expiry_and_bursts()
    {
        const double dt = 0.1; // ms
        double[] tau = [0.5, 2.0, 1.0, 0.3];
        bool[] alpha = [true, true, false, false];
        var queues = new CurrentBasedSynapseQueues(tau, alpha, dt);
        queues.Clear();

        // onsets off the time grid, a burst of 40 on synapse 0 (more than its ring holds at first), weights of both signs
        var rng = new Random(11);
        var onsets = new List<(int Synapse, double T, double W)>();
        for (var k = 0; k < 40; k++)
        {
            onsets.Add((0, 5 + (k * 0.013), rng.NextDouble() - 0.4));
        }

        for (var s = 0; s < tau.Length; s++)
        {
            for (var k = 0; k < 30; k++)
            {
                onsets.Add((s, Math.Round(rng.NextDouble() * 60, 4), (rng.NextDouble() * 2) - 1));
            }
        }

        onsets.Sort((x, y) => x.T.CompareTo(y.T));
        var scale = onsets.Sum(o => Math.Abs(o.W)); // bound of |i|, nA
        var next = 0;
        var t = 0.0;
        var maxError = 0.0;
        for (var step = 0; step < 1000; step++)
        {
            t += 0.5 * dt; // as the kernels: onsets with t₀ ≤ t are delivered before the BREAKPOINT at t
            while (next < onsets.Count && onsets[next].T <= t)
            {
                queues.Push(onsets[next].Synapse, onsets[next].T, onsets[next].W);
                next++;
            }

            queues.Advance(t);
            for (var s = 0; s < tau.Length; s++)
            {
                var expected = 0.0;
                foreach (var o in onsets.Take(next))
                {
                    if (o.Synapse != s)
                    {
                        continue;
                    }

                    var x = (t - o.T) / tau[s];
                    if (x >= 0 && x <= 20)
                    {
                        expected -= o.W * (alpha[s] ? x * Math.Exp(1 - x) : Math.Exp(-x));
                    }
                }

                maxError = Math.Max(maxError, Math.Abs(queues.CurrentNa(s) - expected));
            }

            t += 0.5 * dt;
        }

        Assert.True(maxError <= 1e-12 * scale, $"max |filter − onset sum| = {maxError:E3} nA (scale {scale:F3} nA)");

        // 100 ms: every onset is more than 20 τ old, so every current is exactly 0 (no rounding residue)
        for (var s = 0; s < tau.Length; s++)
        {
            Assert.Equal(0.0, queues.CurrentNa(s));
        }
    }

    [Fact]
    public void A_single_alpha_onset_peaks_at_its_weight_one_tau_later()
    {
        // x·e^{1−x} peaks at x = 1 with value 1: i = −w at t₀ + τ
        var queues = new CurrentBasedSynapseQueues([0.5], [true], 0.1);
        queues.Clear();
        queues.Push(0, 0.05, 2.0); // t₀ = 0.05 ms, w = 2 nA
        queues.Advance(0.05);
        Assert.Equal(0.0, queues.CurrentNa(0), 15);
        for (var k = 1; k <= 5; k++)
        {
            queues.Advance(0.05 + (k * 0.1));
        }

        Assert.Equal(-2.0, queues.CurrentNa(0), 12);
    }
}
