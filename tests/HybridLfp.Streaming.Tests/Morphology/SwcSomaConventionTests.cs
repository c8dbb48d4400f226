using HybridLfp.Streaming.Numerics.Morphology;

namespace HybridLfp.Streaming.Tests.Morphology;

/// <summary>
/// Small SWC files whose expected NEURON sections were worked out by hand from the Import3d rules (read_swc.hoc,
/// import3d_gui.hoc of NEURON 8.2.2): section splitting, attachment points, parent-point copies, wires and the
/// soma conventions for 1-, 2- and 3-point somas.
/// </summary>
public sealed class SwcSomaConventionTests
{
    private sealed record Expected(string Name, string? Parent, double ParentX, float[][] Points, float[]? Logical = null);

    [Fact]
    public void OnePointSomaIsACylinderAlongXWithNeuritesAtTheMiddle()
    {
        const string swc = """
            # one soma sample of radius 5
            1 1 0 0 0 5 -1
            2 3 0 0 5 1 1
            3 3 0 0 15 1 2
            4 3 0 5 0 0.5 1
            5 4 0 -5 0 1 1
            6 4 0 -15 0 1 5
            """;
        AssertSections(swc, [
            new("soma[0]", null, double.NaN, [[-5, 0, 0, 10], [0, 0, 0, 10], [5, 0, 0, 10]]),
            // multi-point neurite: wired to the centre (pt3dstyle), the centre is not a pt3d point
            new("dend[0]", "soma[0]", 0.5, [[0, 0, 5, 2], [0, 0, 15, 2]], [0, 0, 0]),
            // one-point neurite: the centre is copied as first point, with the neurite's diameter
            new("dend[1]", "soma[0]", 0.5, [[0, 0, 0, 1], [0, 5, 0, 1]]),
            new("apic[0]", "soma[0]", 0.5, [[0, -5, 0, 2], [0, -15, 0, 2]], [0, 0, 0]),
        ]);
    }

    [Fact]
    public void TwoPointSomaAttachesChildrenAtZeroOrOneWithACopiedFirstPoint()
    {
        const string swc = """
            1 1 0 0 -10 10 -1
            2 1 0 0 10 10 1
            3 3 0.1 0 -10 1.5 1
            4 3 0.1 -50 -60 1.5 3
            5 3 0.1 -80 -90 0.5 4
            6 3 0.1 -40 -100 0.5 4
            7 4 0 0 10 2 2
            8 4 0 0 300 2 7
            """;
        AssertSections(swc, [
            new("soma[0]", null, double.NaN, [[0, 0, -10, 20], [0, 0, 10, 20]]),
            new("dend[0]", "soma[0]", 0, [[0, 0, -10, 3], [0.1f, 0, -10, 3], [0.1f, -50, -60, 3]]),
            new("dend[1]", "dend[0]", 1, [[0.1f, -50, -60, 3], [0.1f, -80, -90, 1]]),
            new("dend[2]", "dend[0]", 1, [[0.1f, -50, -60, 3], [0.1f, -40, -100, 1]]),
            new("apic[0]", "soma[0]", 1, [[0, 0, 10, 4], [0, 0, 10, 4], [0, 0, 300, 4]]),
        ]);
    }

    [Fact]
    public void NeuroMorphoThreePointSomaIsOneSectionAlongXWithNeuritesWiredToTheCentre()
    {
        // centre first, two points at ±r along y, equal diameters, total length = diameter (README: synth_swc)
        const string swc = """
            1 1 0 0 0 7.5 -1
            2 1 0 -7.5 0 7.5 1
            3 1 0 7.5 0 7.5 1
            4 3 0 0 10 1 1
            5 3 0 0 50 1 4
            6 3 10 0 80 0.5 5
            7 3 -10 0 80 0.5 5
            8 2 0 0 -10 0.5 1
            9 2 0 0 -100 0.5 8
            """;
        AssertSections(swc, [
            new("soma[0]", null, double.NaN, [[-7.5f, 0, 0, 15], [0, 0, 0, 15], [7.5f, 0, 0, 15]]),
            new("axon[0]", "soma[0]", 0.5, [[0, 0, -10, 1], [0, 0, -100, 1]], [0, 0, 0]),
            new("dend[0]", "soma[0]", 0.5, [[0, 0, 10, 2], [0, 0, 50, 2]], [0, 0, 0]),
            // between neurite sections the branch point is duplicated
            new("dend[1]", "dend[0]", 1, [[0, 0, 50, 2], [10, 0, 80, 1]]),
            new("dend[2]", "dend[0]", 1, [[0, 0, 50, 2], [-10, 0, 80, 1]]),
        ]);
    }

    [Fact]
    public void ThreePointSomaChainKeepsItsPointsAndWiresNeuritesOfTheInteriorPoint()
    {
        const string swc = """
            1 1 0 0 -10 5 -1
            2 1 0 0 0 5 1
            3 1 0 0 10 5 2
            4 3 0 0 10 1 3
            5 3 0 0 100 1 4
            6 3 5 0 0 1 2
            7 3 50 0 0 1 6
            """;
        AssertSections(swc, [
            new("soma[0]", null, double.NaN, [[0, 0, -10, 10], [0, 0, 0, 10], [0, 0, 10, 10]]),
            new("dend[0]", "soma[0]", 1, [[0, 0, 10, 2], [0, 0, 10, 2], [0, 0, 100, 2]]),
            new("dend[1]", "soma[0]", 0.5, [[5, 0, 0, 2], [50, 0, 0, 2]], [0, 0, 0]),
        ]);
    }

    [Fact]
    public void BranchFromTheFirstPointOfASomaAttachedDendriteConnectsAtItsStart()
    {
        // sample 5's parent (3) is the first point of a dendrite hanging from the soma: Import3d connects it to
        // dend[0](0) ("connect2prox") and copies sample 3 as its first point.
        const string swc = """
            1 1 0 0 -5 5 -1
            2 1 0 0 5 5 1
            3 3 0 0 10 1 2
            4 3 0 0 60 1 3
            5 3 20 0 30 1 3
            """;
        AssertSections(swc, [
            new("soma[0]", null, double.NaN, [[0, 0, -5, 10], [0, 0, 5, 10]]),
            new("dend[0]", "soma[0]", 1, [[0, 0, 5, 2], [0, 0, 10, 2], [0, 0, 60, 2]]),
            new("dend[1]", "dend[0]", 0, [[0, 0, 10, 2], [20, 0, 30, 2]]),
        ]);
    }

    [Fact]
    public void ZeroLengthSectionIsDroppedAndItsChildReattached()
    {
        // sample 5 duplicates sample 4 and starts its own section: that two-point section has zero length, NEURON's
        // chk_valid removes it and its child takes over its parent and attachment point.
        const string swc = """
            1 1 0 0 -5 5 -1
            2 1 0 0 5 5 1
            3 3 0 0 20 1 2
            4 3 0 0 50 1 3
            5 3 0 0 50 0.5 4
            6 3 10 0 60 0.5 4
            7 3 0 10 80 0.25 5
            """;
        AssertSections(swc, [
            new("soma[0]", null, double.NaN, [[0, 0, -5, 10], [0, 0, 5, 10]]),
            new("dend[0]", "soma[0]", 1, [[0, 0, 5, 2], [0, 0, 20, 2], [0, 0, 50, 2]]),
            new("dend[1]", "dend[0]", 1, [[0, 0, 50, 2], [10, 0, 60, 1]]),
            new("dend[2]", "dend[0]", 1, [[0, 0, 50, 1], [0, 10, 80, 0.5f]]),
        ]);
    }

    [Fact]
    public void OtherTypesAreNamedAndOrderedByTypeNumber()
    {
        const string swc = """
            1 1 0 0 0 5 -1
            2 1 0 0 10 5 1
            3 7 0 0 10 1 2
            4 7 0 0 20 1 3
            5 2 0 0 0 1 1
            6 2 0 0 -20 1 5
            """;
        var morphology = SwcMorphologyReader.Read(swc, "types.swc");
        Assert.Equal(["soma[0]", "axon[0]", "dend_7[0]"], morphology.Sections.Select(s => s.Name));
    }

    [Fact]
    public void CoordinatesGoThroughFloatAndPercent8gAsInNeuron()
    {
        // 1.23456789 → float 1.2345679 (sscanf %f) → "%.8g" → 1.2345679 → float; radius 0.3 → float, ×2 in double.
        const string swc = """
            1 1 1.23456789 0 0 0.3 -1
            2 1 1.23456789 0 8.00000095 0.3 1
            """;
        var soma = SwcMorphologyReader.Read(swc, "rounding.swc").Sections[0];
        Assert.Equal(1.23456789f, soma.Points[0].X);
        Assert.Equal((float)(2.0 * 0.3f), soma.Points[0].Diameter);
        Assert.Equal(8.00000095f, soma.Points[1].Z);
    }

    private static void AssertSections(string swc, Expected[] expected)
    {
        var morphology = SwcMorphologyReader.Read(swc, "test.swc");
        Assert.Equal(expected.Select(e => e.Name), morphology.Sections.Select(s => s.Name));
        for (var i = 0; i < expected.Length; i++)
        {
            var e = expected[i];
            var a = morphology.Sections[i];
            Assert.Equal(e.Parent, a.IsRoot ? null : morphology.Sections[a.ParentIndex].Name);
            Assert.Equal(e.ParentX, a.ParentX);
            Assert.Equal(0, a.ChildX);
            Assert.Equal(e.Points.Length, a.Points.Length);
            for (var k = 0; k < e.Points.Length; k++)
            {
                var p = e.Points[k];
                Assert.Equal(new Pt3dPoint(p[0], p[1], p[2], p[3]), a.Points[k]);
            }

            Assert.Equal(
                e.Logical is null ? null : new LogicalConnectionPoint(e.Logical[0], e.Logical[1], e.Logical[2]),
                a.LogicalConnection);
        }
    }
}
