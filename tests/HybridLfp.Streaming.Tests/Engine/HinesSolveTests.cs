using HybridLfp.Streaming.Numerics.Discretization;
using HybridLfp.Streaming.Numerics.Simulation;
using MathNet.Numerics.LinearAlgebra;

namespace HybridLfp.Streaming.Tests.Engine;

/// <summary>
/// The kernel's one-sweep Hines elimination against a dense LU solve (MathNet) of the same backward-Euler step,
/// written independently in physical units (nA, µS, nF) as Kirchhoff's current law at every node.
/// </summary>
public sealed class HinesSolveTests
{
    [Theory]
    [InlineData(1, 6, CableSolveMode.NeuronExact)]
    [InlineData(2, 15, CableSolveMode.NeuronExact)]
    [InlineData(3, 30, CableSolveMode.NeuronExact)]
    [InlineData(1, 6, CableSolveMode.Factorized)]
    [InlineData(4, 40, CableSolveMode.Factorized)]
    [InlineData(5, 40, CableSolveMode.Factorized)]
    public void OneStepEqualsDenseSolve(int seed, int sections, CableSolveMode mode)
    {
        var morphology = MorphologyDiscretizer.Discretize(
            RandomTrees.Create(seed, sections), NsegRule.FixedLength(20), cmUfPerCm2: 1.3, raOhmCm: 120);
        const double gPas = 5e-5, ePas = -70, dt = 0.05;
        var rng = new Random(seed);
        var clamps = Enumerable.Range(0, 4)
            .Select(_ => new CurrentClampDescription(rng.Next(morphology.SegmentCount), 0, 1e9, rng.NextDouble() - 0.3))
            .ToArray();
        var kernel = new SingleCellKernel(morphology, new PassiveMembrane(true, gPas, ePas), [], clamps, dt, vInitMv: -50, mode);
        for (var k = 0; k < 7; k++)
        {
            kernel.Step(); // non-uniform state
        }

        var layout = kernel.Layout;
        var n = layout.NodeCount;
        var v0 = kernel.NodeVoltages.ToArray();

        // physical quantities per node
        var capacitance = new double[n]; // nF
        var leak = new double[n]; // µS
        var injected = new double[n]; // nA
        for (var s = 0; s < morphology.SegmentCount; s++)
        {
            var node = layout.NodeOfSegment[s];
            var areaCm2 = morphology.Geometry.Area[s] * 1e-8;
            capacitance[node] = 1.3 * areaCm2 * 1e3; // µF/cm² · cm² = µF → nF
            leak[node] = gPas * areaCm2 * 1e6; // S → µS
        }

        foreach (var c in clamps)
        {
            injected[layout.NodeOfSegment[c.Segment]] += c.AmplitudeNa;
        }

        var m = Matrix<double>.Build.Dense(n, n);
        var rhs = Vector<double>.Build.Dense(n);
        for (var i = 0; i < n; i++)
        {
            m[i, i] += capacitance[i] / dt + leak[i];
            rhs[i] += -leak[i] * (v0[i] - ePas) + injected[i];
            var p = layout.Parent[i];
            if (p < 0)
            {
                continue;
            }

            var g = -layout.A[i] * layout.Area[p] / 100; // axial conductance between i and its parent, µS
            m[i, i] += g;
            m[p, p] += g;
            m[i, p] -= g;
            m[p, i] -= g;
            rhs[i] -= g * (v0[i] - v0[p]);
            rhs[p] -= g * (v0[p] - v0[i]);
        }

        var dv = m.LU().Solve(rhs);
        kernel.Step();
        var v1 = kernel.NodeVoltages;
        var maxDv = dv.AbsoluteMaximum();
        Assert.True(maxDv > 1e-3, "the step must change v noticeably");
        double worst = 0;
        for (var i = 0; i < n; i++)
        {
            worst = Math.Max(worst, Math.Abs(v1[i] - v0[i] - dv[i]));
        }

        Assert.True(worst <= 1e-9 * maxDv, $"Hines vs dense: max |Δ| = {worst:E3} vs max |Δv| = {maxDv:E3}");
    }
}
