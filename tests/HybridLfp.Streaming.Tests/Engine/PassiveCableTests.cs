using System.Collections.Immutable;
using HybridLfp.Streaming.Numerics.Discretization;
using HybridLfp.Streaming.Numerics.Morphology;
using HybridLfp.Streaming.Numerics.Simulation;

namespace HybridLfp.Streaming.Tests.Engine;

/// <summary>
/// A long sealed passive cable driven by a constant current: steady state V(x) and input resistance against the
/// analytic Green's function of the sealed cable, current I injected at x = a:
/// V(x) = I·r_a·λ·cosh(min(x,a)/λ)·cosh((L−max(x,a))/λ)/sinh(L/λ), R_in = V(a)/I, with
/// λ = √(d·R_m/(4·R_a)), r_a = 4·R_a/(π·d²). NEURON's IClamp sits at the first segment's centre, a = L/(2·nseg).
/// Backward Euler's steady state is the discrete one, whose error vs the continuum is O((Δx/λ)²) ≈ 5e-5 here; the
/// tolerance 1e-3 catches any wrong factor.
/// </summary>
public sealed class PassiveCableTests
{
    [Fact]
    public void SteadyStateMatchesCableEquation()
    {
        const double lengthUm = 2000, diamUm = 2, raOhmCm = 100, gPas = 1e-4, ePas = -70, ampNa = 0.1;
        const int nseg = 401;
        var morphology = new MorphologyDescription(
            [new SectionDescription("cable", -1, double.NaN, 0, ImmutableArray.Create(
                Pt3dPoint.FromDouble(0, 0, 0, diamUm), Pt3dPoint.FromDouble(0, 0, lengthUm, diamUm)))],
            "cable");
        var discretized = MorphologyDiscretizer.Discretize(morphology, NsegRule.Fixed(new Dictionary<string, int> { ["cable"] = nseg }), 1, raOhmCm);
        var kernel = new SingleCellKernel(discretized, new PassiveMembrane(true, gPas, ePas), [],
            [new CurrentClampDescription(0, 0, 1e9, ampNa)], dtMs: 1, vInitMv: ePas);
        for (var k = 0; k < 3000; k++)
        {
            kernel.Step(); // τ_m = 10 ms: 300 τ
        }

        var rm = 1 / gPas; // Ω·cm²
        var lambdaCm = Math.Sqrt(diamUm * 1e-4 * rm / (4 * raOhmCm));
        var raPerCm = 4 * raOhmCm / (Math.PI * Math.Pow(diamUm * 1e-4, 2)); // Ω/cm
        var lCm = lengthUm * 1e-4;
        var aCm = 0.5 / nseg * lCm;
        double Analytic(double xCm) => ampNa * raPerCm * lambdaCm * 1e-6 // nA·MΩ = mV
            * Math.Cosh(Math.Min(xCm, aCm) / lambdaCm) * Math.Cosh((lCm - Math.Max(xCm, aCm)) / lambdaCm) / Math.Sinh(lCm / lambdaCm);

        double worst = 0;
        for (var s = 0; s < nseg; s++)
        {
            var xCm = (s + 0.5) / nseg * lCm;
            worst = Math.Max(worst, Math.Abs(kernel.SegmentVoltageMv(s) - ePas - Analytic(xCm)));
        }

        var inputResistanceMOhm = Analytic(aCm) / ampNa;
        Assert.InRange(inputResistanceMOhm, 220, 230); // ≈ r_a·λ·coth(L/λ) = 226.7 MΩ
        Assert.True(worst <= 1e-3 * Analytic(aCm), $"max |ΔV| = {worst:E3} mV vs V(a) = {Analytic(aCm):F4} mV");
        var measuredRin = (kernel.SegmentVoltageMv(0) - ePas) / ampNa;
        Assert.InRange(measuredRin / inputResistanceMOhm, 1 - 1e-3, 1 + 1e-3);
        Assert.Equal(kernel.SegmentVoltageMv(0), kernel.NodeVoltages[0], 10); // sealed end: no current through the root node
    }
}
