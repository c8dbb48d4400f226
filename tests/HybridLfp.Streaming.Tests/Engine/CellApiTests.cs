using System.Collections.Immutable;
using HybridLfp.Streaming.Numerics.Cells;
using HybridLfp.Streaming.Numerics.Discretization;
using HybridLfp.Streaming.Numerics.Morphology;

namespace HybridLfp.Streaming.Tests.Engine;

/// <summary>LFPy-style cell placement and segment selection on a small hand-made cell with known coordinates.</summary>
public sealed class CellApiTests
{
    // soma along z from −10 to 10 (one segment), dend from z = 10 to 110 (nseg 5, 20 µm each), axon from soma(0)
    // along −x (nseg 2, 50 µm each)
    private static Cell MakeCell()
    {
        static ImmutableArray<Pt3dPoint> Line(double x0, double y0, double z0, double x1, double y1, double z1, double d) =>
            [Pt3dPoint.FromDouble(x0, y0, z0, d), Pt3dPoint.FromDouble(x1, y1, z1, d)];
        var morphology = new MorphologyDescription(
        [
            new SectionDescription("soma", -1, double.NaN, 0, Line(5, 5, -10, 5, 5, 10, 20)),
            new SectionDescription("dend", 0, 1, 0, Line(0, 0, 0, 0, 0, 100, 2)),
            new SectionDescription("axon", 0, 0, 0, Line(0, 0, 0, -100, 0, 0, 1)),
        ], "test cell");
        var d = MorphologyDiscretizer.Discretize(
            morphology, NsegRule.Fixed(new Dictionary<string, int> { ["dend"] = 5, ["axon"] = 2 }), 1, 150);
        return new Cell(d);
    }

    [Fact]
    public void ConstructionCentresTheSomaAndDefineShapeAttachesChildren()
    {
        var cell = MakeCell();
        var g = cell.Geometry;
        Assert.Equal(new Position3(0, 0, 0), cell.SomaPosition);
        Assert.Equal([0], cell.SomaIndices.ToArray());
        Assert.Equal(8, cell.SegmentCount);
        // dend starts at soma(1) = (0, 0, 10) after centring; axon at soma(0) = (0, 0, −10)
        Assert.Equal((0.0, 0.0, 10.0), (g.XStart[1], g.YStart[1], g.ZStart[1]));
        Assert.Equal(30.0, g.ZEnd[1], 12);
        Assert.Equal((0.0, 0.0, -10.0), (g.XStart[6], g.YStart[6], g.ZStart[6]));
        Assert.Equal(-50.0, g.XEnd[6], 12);
        Assert.Equal(0, cell.SomaVoltageSegment);
    }

    [Fact]
    public void SetPositionMovesEverySegment()
    {
        var cell = MakeCell();
        cell.SetPosition(100, -20, 7);
        var g = cell.Geometry;
        Assert.Equal(new Position3(100, -20, 7), cell.SomaPosition);
        Assert.Equal(100.0, g.XStart[3], 12);
        Assert.Equal(-20.0, g.YEnd[3], 12);
        Assert.Equal(7 + 50.0, g.ZStart[3], 12);
    }

    // Quarter turns are right-handed about the soma: about x, ẑ → −ŷ; about y, ẑ → x̂; about z, ẑ stays.
    [Theory]
    [InlineData('x', 0.0, -1.0, 0.0)]
    [InlineData('y', 1.0, 0.0, 0.0)]
    [InlineData('z', 0.0, 0.0, 1.0)]
    public void QuarterTurnsAreRightHanded(char axis, double zx, double zy, double zz)
    {
        var cell = MakeCell();
        cell.SetPosition(3, 4, 5);
        var i = 5; // last dend segment: its end is 110 µm above the soma
        var before = cell.Geometry;
        Assert.Equal((0.0, 0.0, 110.0), (before.XEnd[i] - 3, before.YEnd[i] - 4, before.ZEnd[i] - 5));
        var angle = Math.PI / 2;
        switch (axis)
        {
            case 'x': cell.SetRotation(x: angle); break;
            case 'y': cell.SetRotation(y: angle); break;
            default: cell.SetRotation(z: angle); break;
        }

        var g = cell.Geometry;
        Assert.Equal(3 + 110 * zx, g.XEnd[i], 9);
        Assert.Equal(4 + 110 * zy, g.YEnd[i], 9);
        Assert.Equal(5 + 110 * zz, g.ZEnd[i], 9);
        Assert.Equal(new Position3(3, 4, 5), cell.SomaPosition);
    }

    [Fact]
    public void RotationOrderIsXThenYThenZ()
    {
        var cell = MakeCell();
        cell.SetRotation(x: Math.PI / 2, y: Math.PI / 2, z: Math.PI / 2);
        // axon end (−100, 0, −10) relative to soma; apply x, then y, then z quarter turns by hand:
        // x: (x, y, z) → (x, −z, y); y: (x, y, z) → (z, y, −x); z: (x, y, z) → (−y, x, z)
        (double X, double Y, double Z) p = (-100, 0, -10);
        p = (p.X, -p.Z, p.Y);
        p = (p.Z, p.Y, -p.X);
        p = (-p.Y, p.X, p.Z);
        var g = cell.Geometry;
        Assert.Equal(p.X, g.XEnd[7], 9);
        Assert.Equal(p.Y, g.YEnd[7], 9);
        Assert.Equal(p.Z, g.ZEnd[7], 9);
    }

    [Fact]
    public void ChiralAndDistort()
    {
        var cell = MakeCell();
        cell.SetPosition(10, 0, 0);
        cell.ChiralMorphology(Axis.X);
        Assert.Equal(10 + 100.0, cell.Geometry.XEnd[7], 12); // axon now points to +x
        cell.DistortGeometry(0.2, Axis.Z, nu: 0.5);
        var g = cell.Geometry;
        Assert.Equal(20 * 0.8, g.Length[2], 12); // dend segments along z shrink by 1 − factor
        Assert.Equal(50 * 1.1, g.Length[7], 12); // axon segments along x grow by 1 + factor·nu
        Assert.Equal(10 + 100 * 1.1, g.XEnd[7], 12);
        Assert.Throws<HybridLfp.Streaming.Numerics.InputException>(() => cell.DistortGeometry(1.0));
    }

    [Fact]
    public void GetIndicesByNameAndDepth()
    {
        var cell = MakeCell();
        Assert.Equal([1, 2, 3, 4, 5], cell.GetIndices("dend"));
        Assert.Equal([0, 6, 7], cell.GetIndices(["soma", "ax"]));
        Assert.Equal(Enumerable.Range(0, 8), cell.GetIndices());
        // dend midpoints z = 20, 40, 60, 80, 100; strict inequalities as LFPy
        Assert.Equal([2, 3], cell.GetIndices("dend", zMin: 20, zMax: 80));
        Assert.Empty(cell.GetIndices("apic"));
        Assert.Equal(4, cell.GetClosestIndex(0, 0, 77));
        Assert.Equal(7, cell.GetClosestIndex(-90, 0, 0, "axon"));
    }

    [Fact]
    public void AliasTableMatchesLfpyConstruction()
    {
        // Worked by hand from LFPy's alias_setup for p = [0.1, 0.2, 0.3, 0.4]: q = [0.4, 0.8, 1.0, 0.8],
        // J = [3, 3, 0, 2]; a draw keeps column floor(4·u1) if u2 < q, else takes its alias.
        var table = new AliasTable([1, 2, 3, 4]);
        Assert.Equal(3, table.Draw(0.1, 0.5));
        Assert.Equal(0, table.Draw(0.1, 0.3));
        Assert.Equal(1, table.Draw(0.3, 0.7));
        Assert.Equal(3, table.Draw(0.3, 0.85));
        Assert.Equal(2, table.Draw(0.6, 0.99));
        Assert.Equal(2, table.Draw(0.9, 0.85));
        Assert.Equal(3, table.Draw(0.9, 0.75));
    }

    [Fact]
    public void AreaWeightedDrawsFollowTheAreas()
    {
        var cell = MakeCell();
        var idx = cell.GetIndices();
        var draws = cell.GetRandomIndicesAreaNormalized(["allsec"], 200_000, double.NegativeInfinity, double.PositiveInfinity, new Random(42));
        Assert.Equal(draws, cell.GetRandomIndicesAreaNormalized(["allsec"], 200_000, double.NegativeInfinity, double.PositiveInfinity, new Random(42)));
        var area = cell.Morphology.Geometry.Area;
        var total = idx.Sum(i => area[i]);
        double chi2 = 0;
        foreach (var i in idx)
        {
            var expected = draws.Length * area[i] / total;
            var observed = draws.Count(d => d == i);
            chi2 += (observed - expected) * (observed - expected) / expected;
        }

        // 8 outcomes → 7 degrees of freedom; χ² critical value at p = 0.001 is 24.32 (fixed seed: deterministic)
        Assert.True(chi2 < 24.32, $"χ² = {chi2:F2}");
        Assert.Empty(cell.GetRandomIndicesAreaNormalized(["apic"], 10, double.NegativeInfinity, double.PositiveInfinity, new Random(1)));
    }
}
