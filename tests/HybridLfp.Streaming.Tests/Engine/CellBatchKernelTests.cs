using HybridLfp.Streaming.Numerics;
using HybridLfp.Streaming.Numerics.Discretization;
using HybridLfp.Streaming.Numerics.Simulation;

namespace HybridLfp.Streaming.Tests.Engine;

/// <summary>The SIMD batch of cells on one morphology equals independent single-cell runs bit for bit.</summary>
public sealed class CellBatchKernelTests
{
    private static (DiscretizedMorphology Morphology, SynapseDescription[][] Synapses, double[][][] Spikes) Setup(int cells)
    {
        var morphology = MorphologyDiscretizer.Discretize(RandomTrees.Create(21, 20), NsegRule.LambdaF(100, 0.1), 1, 150);
        var rng = new Random(5);
        var synapses = new SynapseDescription[cells][];
        var spikes = new double[cells][][];
        for (var c = 0; c < cells; c++)
        {
            var count = 1 + rng.Next(5);
            synapses[c] = Enumerable.Range(0, count).Select(_ => new SynapseDescription(
                rng.Next(morphology.SegmentCount),
                rng.Next(2) == 0 ? SynapseKind.ExpSynI : SynapseKind.AlphaISyn,
                rng.NextDouble() - 0.3,
                TauMs: 0.3 + rng.NextDouble() * 3)).ToArray();
            spikes[c] = synapses[c].Select(_ => Enumerable.Range(0, 8).Select(_ => Math.Round(rng.NextDouble() * 40, 3)).Order().ToArray()).ToArray();
        }

        return (morphology, synapses, spikes);
    }

    [Fact]
    public void EveryLaneEqualsItsSingleCellRun()
    {
        const int cells = 7; // not a multiple of the SIMD width: padding lanes must stay inert
        var (morphology, synapses, spikes) = Setup(cells);
        var passive = new PassiveMembrane(true, 5e-5, -65);
        var batch = new CellBatchKernel(morphology, passive, synapses, 0.1, -60);
        var singles = new SingleCellKernel[cells];
        for (var c = 0; c < cells; c++)
        {
            singles[c] = new SingleCellKernel(morphology, passive, synapses[c], [], 0.1, -60, CableSolveMode.Factorized);
            for (var s = 0; s < synapses[c].Length; s++)
            {
                foreach (var t in spikes[c][s])
                {
                    singles[c].AddSpike(s, t);
                    batch.AddSpike(c, s, t);
                }
            }
        }

        var lane = new double[morphology.SegmentCount];
        double maxI = 0;
        for (var k = 0; k < 500; k++)
        {
            batch.Step();
            for (var c = 0; c < cells; c++)
            {
                singles[c].Step();
                batch.CopyMembraneCurrents(c, lane);
                Assert.True(lane.AsSpan().SequenceEqual(singles[c].MembraneCurrentsNa), $"cell {c}, step {k}: imem differs");
                for (var s = 0; s < morphology.SegmentCount; s++)
                {
                    Assert.Equal(singles[c].SegmentVoltageMv(s), batch.SegmentVoltageMv(c, s));
                    maxI = Math.Max(maxI, Math.Abs(lane[s]));
                }

                for (var s = 0; s < synapses[c].Length; s++)
                {
                    Assert.Equal(singles[c].SynapseCurrentsNa[s], batch.SynapseCurrentNa(c, s));
                }
            }

            Assert.Equal(singles[0].TimeMs, batch.TimeMs);
        }

        Assert.True(maxI > 1e-3, "the synapses must drive the cells");
    }

    [Fact]
    public void StepsDoNotAllocate()
    {
        var (morphology, synapses, spikes) = Setup(9);
        var batch = new CellBatchKernel(morphology, new PassiveMembrane(true, 5e-5, -65), synapses, 0.1, -65);
        for (var c = 0; c < synapses.Length; c++)
        {
            for (var s = 0; s < synapses[c].Length; s++)
            {
                foreach (var t in spikes[c][s])
                {
                    batch.AddSpike(c, s, t);
                }
            }
        }

        for (var k = 0; k < 100; k++)
        {
            batch.Step();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 0; k < 1000; k++)
        {
            batch.Step();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ConductanceBasedSynapsesAreRefused()
    {
        var (morphology, _, _) = Setup(1);
        var e = Assert.Throws<InputException>(() => new CellBatchKernel(
            morphology, new PassiveMembrane(true, 5e-5, -65),
            [[new SynapseDescription(0, SynapseKind.ExpSyn, 0.001, TauMs: 2)]], 0.1, -65));
        Assert.Contains("conductance-based", e.Message);
    }
}
