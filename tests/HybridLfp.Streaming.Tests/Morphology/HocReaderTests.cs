using HybridLfp.Streaming.Numerics.Morphology;

namespace HybridLfp.Streaming.Tests.Morphology;

/// <summary>Hoc semantics on small files whose NEURON result follows directly from the hoc rules.</summary>
public sealed class HocReaderTests
{
    [Fact]
    public void BothConnectSyntaxesAndConnectBeforeOrAfterPoints()
    {
        const string hoc = """
            create soma, dend[3]
            connect dend(0), soma(1)          // before dend has points
            soma { pt3dadd(0, 0, -5, 10) pt3dadd(0, 0, 5, 10) }
            dend[0] { pt3dadd(0, 0, 5, 2) pt3dadd(0, 0, 50, 2) }
            dend[1] { pt3dadd(0, 0, 50, 1) pt3dadd(30, 0, 80, 1) }
            dend[2] { pt3dadd(0, 0, 50, 1) pt3dadd(-30, 0, 80, 1) }
            dend[0] connect dend[1](0), 1     /* after dend[1] has points */
            connect dend[2](1), dend[0](0.25)
            """;
        var m = HocMorphologyReader.Read(hoc, "connect.hoc");
        Assert.Equal(["soma", "dend[0]", "dend[1]", "dend[2]"], m.Sections.Select(s => s.Name));
        Assert.Equal([-1, 0, 1, 1], m.Sections.Select(s => s.ParentIndex));
        Assert.Equal([1.0, 1.0, 0.25], m.Sections.Skip(1).Select(s => s.ParentX));
        Assert.Equal([0.0, 0.0, 1.0], m.Sections.Skip(1).Select(s => s.ChildX));
        Assert.Equal(new Pt3dPoint(-30, 0, 80, 1), m.Sections[3].Points[1]);
    }

    [Fact]
    public void ProcsLoopsLocalsForallAndFsan()
    {
        const string hoc = """
            create soma[1], dend[4]
            func half() { return $1 / 2 }
            proc shape() { local i, x
              soma[0] { pt3dclear() pt3dadd(0, 0, 0, 20) pt3dadd(half(40), 0, 0, 20) }
              for i = 0, 3 {
                x = i * 10
                dend[i] {
                  nseg = i + 1
                  pt3dadd(x, 0, 0, 1)
                  pt3dadd(x, 100, 0, 1)
                }
                if (i < 2) { connect dend[i](0), soma[0](0.5) } else connect dend[i](0), dend[i-2](1)
              }
            }
            shape()
            proc tag() { localobj list
              list = new SectionList()
              forall list.append()
              forsec list { pt3dadd(0, 0, 1, $1) }
            }
            tag(0.5)
            forsec "dend" nseg = nseg * 2
            k = 0
            while (k < 3) { k += 1 }
            dend[3] { for (j = 0; j < k; j += 1) { pt3dadd(fscan(), fscan(), fscan(), fscan()) } }
            7 8 9 0.25
            words are skipped 1 2 3 0.5
            4 5 6 0.75
            access dend[2]
            pt3dadd(-1, -1, -1, 0.125)
            """;
        var m = HocMorphologyReader.Read(hoc, "loops.hoc");
        Assert.Equal(["soma[0]", "dend[0]", "dend[1]", "dend[2]", "dend[3]"], m.Sections.Select(s => s.Name));
        Assert.Equal([-1, 0, 0, 1, 2], m.Sections.Select(s => s.ParentIndex));
        Assert.Equal(new Pt3dPoint(20, 0, 0, 20), m.Sections[0].Points[1]);
        Assert.Equal([null, 2, 4, 6, 8], m.Sections.Select(s => s.FileNseg));
        Assert.All(m.Sections, s => Assert.Equal(new Pt3dPoint(0, 0, 1, 0.5f), s.Points[2])); // forsec all, after 2 points
        Pt3dPoint[] dend3 =
        [
            new(30, 0, 0, 1), new(30, 100, 0, 1), new(0, 0, 1, 0.5f), new(7, 8, 9, 0.25f), new(1, 2, 3, 0.5f), new(4, 5, 6, 0.75f),
        ];
        Assert.Equal(string.Join(" ", dend3), string.Join(" ", m.Sections[4].Points));
        Assert.Equal(new Pt3dPoint(-1, -1, -1, 0.125f), m.Sections[3].Points[^1]);
    }

    [Fact]
    public void PointsAreRoundedToFloat32AndStylesAndNsegAreKept()
    {
        const string hoc = """
            create soma, axon
            access soma
            nseg = 3
            L = 10   // no points yet: pt3dadd below defines the geometry, as in NEURON
            pt3dadd(0.1, 0.2, 0.3, 12.345678901)
            pt3dadd(0.1, 0.2, 10.3, 12.345678901)
            axon { pt3dclear() pt3dstyle(1, 0.05, 0.2, 5.1) pt3dadd(3, 0, 5, 1) pt3dadd(3, 0, -100, 1) }
            connect axon(0), soma(0.5)
            """;
        var m = HocMorphologyReader.Read(hoc, "style.hoc");
        Assert.Equal(new Pt3dPoint(0.1f, 0.2f, 0.3f, 12.345678901f), m.Sections[0].Points[0]);
        Assert.Equal(3, m.Sections[0].FileNseg);
        Assert.Null(m.Sections[0].LogicalConnection);
        Assert.Equal(new LogicalConnectionPoint(0.05f, 0.2f, 5.1f), m.Sections[1].LogicalConnection);
    }

    [Fact]
    public void ReconnectingReplacesTheEarlierParent()
    {
        const string hoc = """
            create a, b, c
            a { pt3dadd(0,0,0,1) pt3dadd(1,0,0,1) }
            b { pt3dadd(1,0,0,1) pt3dadd(2,0,0,1) }
            c { pt3dadd(2,0,0,1) pt3dadd(3,0,0,1) }
            connect b(0), a(1)
            connect c(0), a(1)
            connect c(0), b(1)
            """;
        var m = HocMorphologyReader.Read(hoc, "reconnect.hoc");
        Assert.Equal([-1, 0, 1], m.Sections.Select(s => s.ParentIndex));
    }

    [Fact]
    public void ContinuationLinesAndCommentsAreWhitespace()
    {
        const string hoc = "create soma,\\\n  dend[2] // two dendrites\n/* a\n multi-line comment */\n"
            + "forall { pt3dadd(0,0,0,1) pt3dadd(0,0,1,1) }\nconnect dend[0](0), soma(1)\nconnect dend[1](0), soma(0)\n";
        var m = HocMorphologyReader.Read(hoc, "continuation.hoc");
        Assert.Equal(["soma", "dend[0]", "dend[1]"], m.Sections.Select(s => s.Name));
    }
}
