using HybridLfp.Streaming.Numerics;
using HybridLfp.Streaming.Numerics.Morphology;
using HybridLfp.Streaming.Pipeline.Morphology;
using HybridLfp.Streaming.Tests.Support;

namespace HybridLfp.Streaming.Tests.Morphology;

/// <summary>
/// The project's own example cells (examples/morphologies) load through <see cref="MorphologyFile"/>, with the
/// topology written in the files (hoc) or worked out by hand from the Import3d rules (SWC).
/// </summary>
public sealed class ExampleMorphologiesTests
{
    private static string Example(string name) => Path.Combine(SharedPaths.RepoRoot, "examples", "morphologies", name);

    [Fact]
    public void BallAndStickHocAndSwcDescribeTheSameCell()
    {
        var hoc = MorphologyFile.Read(Example("ball_and_stick.hoc"));
        var swc = MorphologyFile.Read(Example("ball_and_stick.swc"));

        Assert.Equal(["soma[0]", "dend[0]"], hoc.Sections.Select(s => s.Name));
        Assert.Equal(["soma[0]", "dend[0]"], swc.Sections.Select(s => s.Name));
        foreach (var m in new[] { hoc, swc })
        {
            Assert.Equal(1.0, m.Sections[1].ParentX);
            Assert.Equal(0, m.Sections[1].ParentIndex);
            Assert.Equal(20.0, NeuronSectionView.ArcLengths(m.Sections[0].Points)[^1]);
            Assert.Equal(1000.0, NeuronSectionView.ArcLengths(m.Sections[1].Points)[^1]);
            Assert.All(m.Sections[1].Points, p => Assert.Equal(2f, p.Diameter));
        }

        // Import3d starts the dendrite with a copy of the soma's end point.
        Assert.Equal(4, swc.Sections[1].Points.Length);
        Assert.Equal(swc.Sections[1].Points[0], swc.Sections[1].Points[1]);
    }

    [Fact]
    public void PyramidalHoc()
    {
        var m = MorphologyFile.Read(Example("pyramidal.hoc"));
        AssertTopology(
            m,
            [
                ("soma", null, double.NaN, 2), ("apic[0]", "soma", 1, 2), ("apic[1]", "apic[0]", 1, 3),
                ("apic[2]", "apic[0]", 1, 2), ("apic[3]", "apic[1]", 1, 2), ("apic[4]", "apic[1]", 1, 2),
                ("dend[0]", "soma", 0, 3), ("dend[1]", "soma", 0, 2), ("dend[2]", "soma", 0, 2), ("axon", "soma", 0.5, 3),
            ]);
    }

    [Fact]
    public void PyramidalSwcWithThreePointSoma()
    {
        var m = MorphologyFile.Read(Example("pyramidal.swc"));
        AssertTopology(
            m,
            [
                ("soma[0]", null, double.NaN, 3), ("axon[0]", "soma[0]", 0.5, 3),
                ("dend[0]", "soma[0]", 0.5, 3), ("dend[1]", "soma[0]", 0.5, 2), ("dend[2]", "soma[0]", 0.5, 2),
                ("apic[0]", "soma[0]", 0.5, 2), ("apic[1]", "apic[0]", 1, 2), ("apic[2]", "apic[1]", 1, 2),
                ("apic[3]", "apic[1]", 1, 2), ("apic[4]", "apic[0]", 1, 2),
            ]);
        Assert.Equal([new(-10, 0, 0, 20), new(0, 0, 0, 20), new(10, 0, 0, 20)], m.Sections[0].Points.ToArray());
        var wired = m.Sections.Where(s => s.LogicalConnection is not null).Select(s => s.Name);
        Assert.Equal(["axon[0]", "dend[0]", "dend[1]", "dend[2]", "apic[0]"], wired);
        Assert.Equal(new Pt3dPoint(0, 0, 300, 3), m.Sections[6].Points[0]); // apic[1] starts at the trunk's end
    }

    [Fact]
    public void MissingFileAndUnknownFormatsAreInputErrors()
    {
        var missing = Example("no_such_cell.swc");
        var e = Assert.Throws<InputException>(() => MorphologyFile.Read(missing));
        Assert.Equal(missing, e.InputName);
        Assert.Contains("not found", e.Message);

        Assert.Contains("unknown morphology format '.txt'", Assert.Throws<InputException>(
            () => MorphologyText.Read("", "cell.txt")).Message);
    }

    private static void AssertTopology(
        MorphologyDescription m, (string Name, string? Parent, double ParentX, int Points)[] expected)
    {
        Assert.Equal(expected.Select(e => e.Name), m.Sections.Select(s => s.Name));
        for (var i = 0; i < expected.Length; i++)
        {
            var s = m.Sections[i];
            Assert.Equal(expected[i].Parent, s.IsRoot ? null : m.Sections[s.ParentIndex].Name);
            Assert.Equal(expected[i].ParentX, s.ParentX);
            Assert.Equal(expected[i].Points, s.Points.Length);
        }
    }
}
