using HybridLfp.Streaming.Numerics.Discretization;
using HybridLfp.Streaming.Numerics.Simulation;
using Xunit.Abstractions;

namespace HybridLfp.Streaming.Tests.Engine;

/// <summary>Kirchhoff, zero allocations per step, event ordering and determinism of the single-cell kernel.</summary>
public sealed class KernelInvariantTests(ITestOutputHelper output)
{
    private static SingleCellKernel RandomCell(int seed, double vInit, out DiscretizedMorphology morphology, CableSolveMode mode = CableSolveMode.Factorized)
    {
        morphology = MorphologyDiscretizer.Discretize(RandomTrees.Create(seed, 25), NsegRule.LambdaF(100, 0.1), 1, 150);
        var rng = new Random(seed);
        var n = morphology.SegmentCount;
        SynapseDescription[] synapses =
        [
            new(rng.Next(n), SynapseKind.ExpSynI, 0.3, TauMs: 2),
            new(rng.Next(n), SynapseKind.AlphaISyn, -0.2, TauMs: 0.5),
            new(rng.Next(n), SynapseKind.ExpSyn, 0.004, TauMs: 1.5, ReversalMv: 0),
            new(rng.Next(n), SynapseKind.Exp2Syn, 0.003, Tau1Ms: 0.3, Tau2Ms: 4, ReversalMv: -80),
        ];
        var kernel = new SingleCellKernel(
            morphology, new PassiveMembrane(true, 1e-4, -65), synapses,
            [new CurrentClampDescription(rng.Next(n), 3, 5, 0.2)], 0.025, vInit, mode);
        for (var s = 0; s < synapses.Length; s++)
        {
            for (var k = 0; k < 6; k++)
            {
                kernel.AddSpike(s, 0.7 + 1.31 * k + 0.1 * s);
            }
        }

        return kernel;
    }

    // Σ imem = 0 (Kirchhoff) except for electrode currents, which are not membrane currents: Σ imem = I_clamp.
    [Theory]
    [InlineData(11, -65.0, CableSolveMode.Factorized)]
    [InlineData(12, -50.0, CableSolveMode.Factorized)] // v_init ≠ e_pas: the t = 0 sample is 0, sums vanish after
    [InlineData(12, -50.0, CableSolveMode.NeuronExact)]
    public void MembraneCurrentsSumToZero(int seed, double vInit, CableSolveMode mode)
    {
        var kernel = RandomCell(seed, vInit, out _, mode);
        var clampOn = 0;
        Assert.All(kernel.MembraneCurrentsNa.ToArray(), i => Assert.Equal(0.0, i));
        double maxAbs = 0, maxSum = 0;
        for (var k = 0; k < 600; k++)
        {
            kernel.Step();
            var tMid = kernel.TimeMs - kernel.DtMs / 2; // the clamp is evaluated at mid-step t
            var injected = tMid >= 3 && tMid < 8 ? 0.2 : 0.0;
            clampOn += injected > 0 ? 1 : 0;
            double sum = -injected;
            foreach (var i in kernel.MembraneCurrentsNa)
            {
                sum += i;
                maxAbs = Math.Max(maxAbs, Math.Abs(i));
            }

            maxSum = Math.Max(maxSum, Math.Abs(sum));
        }

        output.WriteLine($"max |Σ imem − I_clamp| = {maxSum:E2} nA, max |imem| = {maxAbs:E2} nA");
        Assert.InRange(clampOn, 150, 250);
        Assert.True(maxAbs > 1e-3);
        Assert.True(maxSum <= 1e-9 * maxAbs, $"Kirchhoff violated: {maxSum:E3} vs {maxAbs:E3}");
    }

    [Theory]
    [InlineData(CableSolveMode.Factorized)]
    [InlineData(CableSolveMode.NeuronExact)]
    public void StepsDoNotAllocate(CableSolveMode mode)
    {
        var kernel = RandomCell(13, -60, out var morphology, mode);
        var recorder = new CellTraceRecorder(4000, 0, [0, 1, 2], [0, 3], kernel.SynapseCount);
        var dipole = new CurrentDipoleMomentRecorder(morphology.Geometry, 4000);
        for (var s = 0; s < kernel.SynapseCount; s++)
        {
            for (var k = 0; k < 200; k++)
            {
                kernel.AddSpike(s, 20 + 0.37 * k); // many events while measuring
            }
        }

        for (var k = 0; k < 2000; k++)
        {
            kernel.Step(); // warm up (JIT tiers, onset rings reach their size)
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 0; k < 4000; k++)
        {
            kernel.Step();
            recorder.Record(k, kernel.TimeMs, kernel);
            dipole.OnSample(k, kernel.TimeMs, kernel.MembraneCurrentsNa);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(0, kernel.PendingEventCount);
    }

    [Fact]
    public void FactorizedAgreesWithNeuronExact()
    {
        var exact = RandomCell(16, -55, out _, CableSolveMode.NeuronExact);
        var fast = RandomCell(16, -55, out _, CableSolveMode.Factorized);
        Assert.InRange(fast.DirtyNodeCount, 1, fast.Layout.NodeCount - 1); // both paths of the sweep are used
        double maxI = 0, maxDi = 0, maxV = 0, maxDv = 0;
        for (var k = 0; k < 800; k++)
        {
            exact.Step();
            fast.Step();
            for (var s = 0; s < exact.SegmentCount; s++)
            {
                maxI = Math.Max(maxI, Math.Abs(exact.MembraneCurrentsNa[s]));
                maxDi = Math.Max(maxDi, Math.Abs(exact.MembraneCurrentsNa[s] - fast.MembraneCurrentsNa[s]));
                maxV = Math.Max(maxV, Math.Abs(exact.SegmentVoltageMv(s)));
                maxDv = Math.Max(maxDv, Math.Abs(exact.SegmentVoltageMv(s) - fast.SegmentVoltageMv(s)));
            }
        }

        output.WriteLine($"factorized vs exact: imem {maxDi / maxI:E2}, v {maxDv / maxV:E2} (relative to max)");
        Assert.True(maxDi <= 1e-10 * maxI, $"imem differs by {maxDi / maxI:E3} of max");
        Assert.True(maxDv <= 1e-10 * maxV, $"v differs by {maxDv / maxV:E3} of max");
    }

    [Fact]
    public void SameInputsGiveBitIdenticalOutputs()
    {
        var a = RandomCell(14, -60, out _);
        var b = RandomCell(14, -60, out _);
        for (var k = 0; k < 300; k++)
        {
            a.Step();
            b.Step();
            Assert.True(a.MembraneCurrentsNa.SequenceEqual(b.MembraneCurrentsNa));
        }
    }

    [Fact]
    public void OnGridEventIsDeliveredAtTheEndOfTheStepThatReachesIt()
    {
        // ExpSyn at t_e = 2·dt exactly: g jumps after the step reaching 2·dt, so its current first shows in step 3
        // (NEURON's fixed step, reference README "Event delivery").
        var morphology = MorphologyDiscretizer.Discretize(RandomTrees.Create(15, 3), NsegRule.Fixed(new Dictionary<string, int>()), 1, 150);
        const double dt = 0.0625;
        var kernel = new SingleCellKernel(morphology, new PassiveMembrane(true, 1e-4, -65),
            [new SynapseDescription(0, SynapseKind.ExpSyn, 0.01, TauMs: 2)], [], dt, -65);
        kernel.AddSpike(0, 2 * dt);
        kernel.Step();
        kernel.Step();
        Assert.Equal(0.0, kernel.SynapseCurrentsNa[0]);
        kernel.Step();
        // i = g·(v − e) with g = w (undecayed at the BREAKPOINT of the next step), v = −65 mV still
        Assert.Equal(0.01 * (-65.0 - 0.0), kernel.SynapseCurrentsNa[0], 12);
    }
}
