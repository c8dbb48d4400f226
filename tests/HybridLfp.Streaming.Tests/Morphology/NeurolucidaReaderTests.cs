using System.Globalization;
using HybridLfp.Streaming.Numerics;
using HybridLfp.Streaming.Numerics.Morphology;
using HybridLfp.Streaming.Pipeline.Morphology;
using Xunit.Abstractions;

namespace HybridLfp.Streaming.Tests.Morphology;

/// <summary>
/// Neurolucida V3 (.asc) reader: exact facts counted from the file by <see cref="AscTextCounter"/>, Import3d's
/// rules on small hand-written files, the soma contour against an ellipse, and the original reconstruction
/// C010398B-P2.asc against NeuroMorpho's standardized C010398B-P2.CNG.swc of the same neuron.
/// </summary>
public sealed class NeurolucidaReaderTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> s_sectionType = new()
    {
        ["Axon"] = "axon",
        ["Dendrite"] = "dend",
        ["Apical"] = "apic",
    };

    [Fact]
    public void MarkramAscHasTheTreesBranchesAndPointsOfTheFile()
    {
        var (trees, somaPoints) = AscTextCounter.Count(File.ReadAllText(MarkramCell.Asc));
        var m = MorphologyFile.Read(MarkramCell.Asc);

        // the file: one 15-point CellBody contour, 9 trees (1 axon, 7 dendrites, 1 apical)
        Assert.Equal(15, somaPoints);
        Assert.Equal(["Axon", "Dendrite", "Dendrite", "Dendrite", "Dendrite", "Dendrite", "Dendrite", "Dendrite", "Apical"],
            trees.Select(t => t.Type));
        output.WriteLine("tree  type      points  branch points  sections");
        foreach (var t in trees)
        {
            output.WriteLine($"{trees.IndexOf(t),4}  {t.Type,-8} {t.Points.Count,7} {t.Splits,14} {t.Branches,9}");
        }

        // one section per branch; a child branch starts with a copy of its parent's last point
        Assert.Equal("soma[0]", m.Sections[0].Name);
        Assert.Equal(21, m.Sections[0].Points.Length);
        Assert.Equal(1 + trees.Sum(t => t.Branches), m.Sections.Length);
        foreach (var (asc, name) in s_sectionType)
        {
            var ofType = trees.Where(t => t.Type == asc).ToList();
            var sections = m.Sections.Where(s => MarkramCell.TypeOf(s.Name) == name).ToList();
            Assert.Equal(ofType.Sum(t => t.Branches), sections.Count);
            Assert.Equal(
                ofType.Sum(t => t.Points.Count + t.Branches - 1),
                sections.Sum(s => s.Points.Length));
        }

        // every tree is wired to soma(0.5); its root section starts at the tree's first point
        var roots = m.Sections.Where(s => s.ParentIndex == 0).ToList();
        Assert.Equal(trees.Count, roots.Count);
        Assert.All(roots, s => Assert.Equal(0.5, s.ParentX));
        Assert.All(roots, s => Assert.NotNull(s.LogicalConnection));
        Assert.Equal(trees.Count, m.Sections.Count(s => s.LogicalConnection is not null));
        var firstPoints = trees.Select(t => (float)t.Points[0][1]).Order().ToList();
        Assert.Equal(firstPoints, roots.Select(s => s.Points[0].Y).Order().ToList());
        Assert.All(m.Sections.Skip(1), s => Assert.True(s.ParentIndex >= 0 && (s.ParentIndex == 0 || s.ParentX == 1.0), s.Name));
    }

    [Fact]
    public void MarkramAscAgreesWithNeuroMorphoStandardizedSwc()
    {
        var text = File.ReadAllText(MarkramCell.Asc);
        var (trees, _) = AscTextCounter.Count(text);
        var asc = MorphologyFile.Read(MarkramCell.Asc);
        var swc = MorphologyFile.Read(MarkramCell.CngSwc);

        // NeuroMorpho kept every reconstructed point (SWC types 2 axon, 3 dendrite, 4 apical)...
        var samples = MarkramCell.SwcSamplesPerType(MarkramCell.CngSwc);
        Assert.Equal(samples[2], trees.Where(t => t.Type == "Axon").Sum(t => t.Points.Count));
        Assert.Equal(samples[3], trees.Where(t => t.Type == "Dendrite").Sum(t => t.Points.Count));
        Assert.Equal(samples[4], trees.Where(t => t.Type == "Apical").Sum(t => t.Points.Count));

        // ... and the branching: same sections per type and the same multiset of section point counts (the order
        // of sibling branches differs between the two files, so sections are not compared one by one)
        Assert.Equal(MarkramCell.SectionsPerType(swc), MarkramCell.SectionsPerType(asc));
        foreach (var type in new[] { "axon", "dend", "apic" })
        {
            Assert.Equal(
                swc.Sections.Where(s => MarkramCell.TypeOf(s.Name) == type).Select(s => s.Points.Length).Order(),
                asc.Sections.Where(s => MarkramCell.TypeOf(s.Name) == type).Select(s => s.Points.Length).Order());
        }

        // ... but moved points slightly: every reconstructed point has an SWC sample within this distance (µm)
        var swcPoints = File.ReadLines(MarkramCell.CngSwc)
            .Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'))
            .Select(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f[1] != "1")
            .Select(f => new[] { Parse(f[2]), Parse(f[3]), Parse(f[4]) })
            .ToList();
        var maxShift = trees.SelectMany(t => t.Points)
            .Max(p => swcPoints.Min(q => Math.Sqrt(Sq(p[0] - q[0]) + Sq(p[1] - q[1]) + Sq(p[2] - q[2]))));
        output.WriteLine($"largest distance from a reconstructed point to the nearest CNG sample: {maxShift:F4} µm");
        Assert.True(maxShift < 0.1, $"{maxShift}");

        // Total length per type: each edge length changes by at most 2·shift, but the shifts are unrelated from
        // point to point, so over N edges the sum changes like a random walk, ~ shift·√(2N). Allowed: 0.1 µm·√(2N).
        var la = MarkramCell.LengthPerType(asc);
        var ls = MarkramCell.LengthPerType(swc);
        foreach (var type in new[] { "axon", "dend", "apic" })
        {
            var edges = asc.Sections.Where(s => MarkramCell.TypeOf(s.Name) == type).Sum(s => s.Points.Length - 1);
            var allowed = 0.1 * Math.Sqrt(2.0 * edges);
            var difference = la[type] - ls[type];
            output.WriteLine(
                $"{type}: length asc {la[type]:F3} µm, CNG swc {ls[type]:F3} µm, difference {difference:F3} µm " +
                $"({difference / ls[type]:E2} relative), allowed ±{allowed:F2} µm over {edges} edges");
            Assert.True(Math.Abs(difference) <= allowed, $"{type}: {difference} µm");
        }

        // the soma: a 21-point centroid of the contour against NeuroMorpho's sphere (3-point soma); reported only
        var aa = MarkramCell.AreaPerType(asc);
        var asw = MarkramCell.AreaPerType(swc);
        output.WriteLine(
            $"soma: asc centroid L = {la["soma"]:F3} µm, area {aa["soma"]:F2} µm²; CNG sphere d = 12.948 µm, area {asw["soma"]:F2} µm²");
        output.WriteLine($"total membrane area (lambda_f 100 Hz): asc {aa.Values.Sum():F2} µm², CNG swc {asw.Values.Sum():F2} µm²");
    }

    [Fact]
    public void SomaContourCentroidFollowsAnEllipse()
    {
        // ellipse with semi-axes a = 10 µm along 30° and b = 4 µm, centre (100, 50, 7), 72 points, not closed
        const double a = 10, b = 4, angle = Math.PI / 6, cx = 100, cy = 50, cz = 7;
        var (ux, uy) = (Math.Cos(angle), Math.Sin(angle));
        var lines = new List<string> { "(\"CellBody\"", "  (Color Red)", "  (CellBody)" };
        for (var k = 0; k < 72; k++)
        {
            var t = 2 * Math.PI * k / 72;
            var (p, q) = (a * Math.Cos(t), b * Math.Sin(t));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  ({cx + p * ux - q * uy:F4} {cy + p * uy + q * ux:F4} {cz} 0.5)"));
        }

        lines.Add(")");
        lines.Add("( (Dendrite) (100 51 7 1) (100 80 7 1) Normal )");
        var m = NeurolucidaMorphologyReader.Read(string.Join('\n', lines), "ellipse.asc");
        var soma = m.Sections[0].Points;

        Assert.Equal(21, soma.Length);
        Assert.All(soma, p => Assert.Equal(7f, p.Z));
        // along the major axis, oriented so its largest component (x) grows
        var (dx, dy) = (soma[^1].X - soma[0].X, soma[^1].Y - soma[0].Y);
        var length = Math.Sqrt(dx * dx + dy * dy);
        Assert.True((dx * ux + dy * uy) / length > 1 - 1e-5, "soma axis");
        Assert.InRange(length, 19.0, 20.0); // from the 2nd to the 2nd-last projection of 101 samples on 2a = 20 µm
        // the centre (also the dendrite's logical connection): the 101 samples walk the open outline (the closing
        // edge at t = 0 is missing, while both ends of the walk sit at that tip), so the centre moves by at most
        // about (gap / perimeter)·a = a/72 (measured: +0.023 µm along, 0.0004 µm across)
        var centre = m.Sections[1].LogicalConnection!.Value;
        var along = (centre.X - cx) * ux + (centre.Y - cy) * uy;
        var across = -(centre.X - cx) * uy + (centre.Y - cy) * ux;
        output.WriteLine($"centre offset along {along:F4} µm, across {across:F4} µm");
        Assert.InRange(Math.Abs(along), 0, a / 72);
        Assert.InRange(Math.Abs(across), 0, a / 72);
        // diameters: the ellipse's width 2b·√(1 − t²/a²) at each interior point (ends are averaged by Import3d)
        for (var i = 1; i < soma.Length - 1; i++)
        {
            var t = (soma[i].X - cx) * ux + (soma[i].Y - cy) * uy;
            var expected = 2 * b * Math.Sqrt(Math.Max(0, 1 - t * t / (a * a)));
            Assert.True(Math.Abs(soma[i].Diameter - expected) < 0.05, $"point {i} at t = {t:F3}: {soma[i].Diameter} vs {expected:F4}");
        }
    }

    [Fact]
    public void ImportRulesOnAHandWrittenFile()
    {
        const string text = """
            ;	V3 text file written for MicroBrightField products.
            (ImageCoords Filename "x.jpg" Merge 65535 65535 65535 0 Coords 0.1 0.1 0 0 0)
            (Sections)
            ("CellBody"
              (Color Red)
              (CellBody)
              (-5 0 0 1)  ; 1, 1
              (0 -3 0 1)
              (5 0 0 1)
              (0 3 0 1)
            )  ;  End of contour
            ("Layer 1" (Color RGB (255, 0, 128)) (0 100) (10 100) (10 110))
            ( (Color Green) (Dendrite)
              (0 1 0 2)  ; Root
              (0, 10, 0, 2)
              (Cross (Color Blue) (Name "Marker 3") (0 5 0 1) (0 6 0 1))
              (
                (5 15 0 1) <(6 16 0 0.5)> (5 20 0 1 R) Normal
              |
                (-5 15 0 1.5) (-5 22 0 1.5) Incomplete
              )  ;  End of split
            )  ;  End of tree
            ( (Color Green) (30 40 0 1) "a text label")
            ( (Color Blue) (Axon) (0 -1 0 1) (0 -20 0 1) (0 -30 0 1) High )
            (Set "cells" (Dot (Color Red) (1 1 1 1)))
            """;
        var m = NeurolucidaMorphologyReader.Read(text, "hand.asc");

        Assert.Equal(["soma[0]", "axon[0]", "dend[0]", "dend[1]", "dend[2]"], m.Sections.Select(s => s.Name));
        Assert.Equal([-1, 0, 0, 2, 2], m.Sections.Select(s => s.ParentIndex));
        Assert.Equal([0.5, 0.5, 1, 1], m.Sections.Skip(1).Select(s => s.ParentX));
        Assert.Equal([new(0, -1, 0, 1), new(0, -20, 0, 1), new(0, -30, 0, 1)], m.Sections[1].Points.ToArray());
        Assert.Equal([new(0, 1, 0, 2), new(0, 10, 0, 2)], m.Sections[2].Points.ToArray());
        // children start with the parent's last point carrying their own first diameter; spines are ignored
        Assert.Equal([new(0, 10, 0, 1), new(5, 15, 0, 1), new(5, 20, 0, 1)], m.Sections[3].Points.ToArray());
        Assert.Equal([new(0, 10, 0, 1.5f), new(-5, 15, 0, 1.5f), new(-5, 22, 0, 1.5f)], m.Sections[4].Points.ToArray());
        // both trees wired to the contour centre; Import3d walks the outline (-5,0)→(0,-3)→(5,0)→(0,3) without the
        // closing edge, so the centre is the mean of its three equal edges' midpoints: (5/6, −1/2, 0)
        var centre = m.Sections[1].LogicalConnection!.Value;
        Assert.Equal(centre, m.Sections[2].LogicalConnection!.Value);
        Assert.Null(m.Sections[3].LogicalConnection);
        Assert.Equal(5.0 / 6, centre.X, 0.05);
        Assert.Equal(-0.5, centre.Y, 0.05);
        Assert.Equal(0f, centre.Z);
    }

    [Theory]
    [InlineData("( (Dendrite)\n  (0 1 0 2)\n  (0 10 0 2)\n", 4, "expected ')' closing the tree, found end of file")]
    [InlineData("( (Dendrite)\n  (0 1 0 2)\n  (0 10 0 2)\n)\n)\n", 5, "expected '(' or end of file (unbalanced ')')")]
    [InlineData("( (Dendrite)\n  (0 1.2.5 0 2)\n  (0 10 0 2)\n)\n", 2, "bad number '1.2.5'")]
    [InlineData("( (Dendrite)\n  (0 abc 0 2)\n)\n", 2, "expected the y coordinate of a point (x y z d), found name 'abc'")]
    [InlineData("( (Dendrite)\n  (0 1 0 2)\n  {0 10 0 2}\n)\n", 3, "unexpected character '{'")]
    [InlineData("( (Dendrite)\n  (Name \"open\n  (0 10 0 2)\n)\n", 2, "string without a closing '\"'")]
    [InlineData("( (Dendrite)\n  (0 1 0 -2)\n)\n", 2, "negative diameter -2")]
    [InlineData("( (Dendrite) (0 1 0 2) (0 5 0 2) )\n( (Axon) (0 -1 0 2) (0 -5 0 2) )\n", 0, "no CellBody contour to connect the 2 trees to")]
    public void MalformedAscNamesFileLineAndWhatWasExpected(string tree, int line, string message)
    {
        var e = Assert.Throws<InputException>(() => NeurolucidaMorphologyReader.Read(tree, "bad.asc"));

        Assert.Equal("bad.asc", e.InputName);
        Assert.Equal(line, e.Line);
        Assert.Contains(message, e.Message);
    }

    private static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static double Sq(double x) => x * x;
}
