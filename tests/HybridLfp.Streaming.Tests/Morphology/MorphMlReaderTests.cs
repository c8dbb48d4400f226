using System.Text.RegularExpressions;
using HybridLfp.Streaming.Numerics;
using HybridLfp.Streaming.Numerics.Morphology;
using HybridLfp.Streaming.Pipeline.Morphology;
using Xunit.Abstractions;

namespace HybridLfp.Streaming.Tests.Morphology;

/// <summary>
/// MorphML (NeuroML v1) reader. C010398B-P2.xml is CVapp's re-export of C010398B-P2.CNG.swc, so the independent
/// check is the SWC reader on the same cell: cables and Import3d's SWC sections split the tree at the same places,
/// so every neurite section must carry the same float32 points. What differs, by construction of the two Import3d
/// paths: (1) the soma — Import3d_SWC turns NeuroMorpho's 3-point soma into a cylinder along x of length = diameter
/// (12.948 µm), the MorphML file writes it as a cable along y from 28.56 to 15.61 (12.95 µm) with the same
/// diameter; (2) attachment — SWC wires the 9 trees to soma(0.5) (pt3dstyle), MorphML has no fractAlongParent, so
/// Import3d_MorphML connects them at soma(1); (3) section order — SWC's is by type (soma, axon, dend, apic), MorphML's
/// is cable order (soma, apical, axon, basal), as NEURON creates them.
/// </summary>
public sealed partial class MorphMlReaderTests(ITestOutputHelper output)
{
    [Fact]
    public void XmlAgreesWithTheSwcItWasExportedFrom()
    {
        var xml = MorphologyFile.Read(MarkramCell.Xml);
        var swc = MorphologyFile.Read(MarkramCell.CngSwc);

        // counts from the text, independent of both readers
        var text = File.ReadAllText(MarkramCell.Xml);
        Assert.Equal(CableRegex().Count(text), xml.Sections.Length);
        Assert.Equal(ProximalRegex().Count(text) + DistalRegex().Count(text), xml.Sections.Sum(s => s.Points.Length));
        var groups = CableGroupsRegex().Matches(text).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(groups.Count(g => g.Contains("soma_group", StringComparison.Ordinal)), MarkramCell.SectionsPerType(xml)["soma"]);
        Assert.Equal(groups.Count(g => g.Contains("axon_group", StringComparison.Ordinal)), MarkramCell.SectionsPerType(xml)["axon"]);
        Assert.Equal(groups.Count(g => g.Contains("apical_dendrite", StringComparison.Ordinal)), MarkramCell.SectionsPerType(xml)["apic"]);
        Assert.Equal(groups.Count(g => g.Contains("basal_dendrite", StringComparison.Ordinal)), MarkramCell.SectionsPerType(xml)["dend"]);

        // same sections per type as the SWC
        Assert.Equal(MarkramCell.SectionsPerType(swc), MarkramCell.SectionsPerType(xml));

        // neurite sections: same name ↔ same points, bit for bit; same parent name where the parent is not the soma
        var points = 0;
        foreach (var s in xml.Sections.Where(s => !s.IsRoot))
        {
            var t = swc.Sections[swc.IndexOf(s.Name)];
            Assert.Equal(t.Points.ToArray(), s.Points.ToArray());
            points += s.Points.Length;
            var parent = xml.Sections[s.ParentIndex].Name;
            Assert.Equal(swc.Sections[t.ParentIndex].Name, parent);
            Assert.Equal(parent == "soma[0]" ? 0.5 : 1.0, t.ParentX);
            Assert.Equal(1.0, s.ParentX);
        }

        Assert.Equal(swc.Sections.Where(s => !s.IsRoot).Sum(s => s.Points.Length), points);

        // total length per neurite type: identical (same float32 points)
        var lx = MarkramCell.LengthPerType(xml);
        var ls = MarkramCell.LengthPerType(swc);
        foreach (var type in new[] { "axon", "dend", "apic" })
        {
            Assert.Equal(ls[type], lx[type]);
        }

        // the soma: 12.95 µm along y (xml) against 12.948 µm along x (swc), both 12.948 µm thick
        Assert.Equal(12.95, lx["soma"], 5e-6);
        Assert.Equal(12.948, ls["soma"], 5e-6);
        Assert.All(xml.Sections[0].Points, p => Assert.Equal(12.948f, p.Diameter));

        // membrane area after lambda_f discretization: neurites equal to round-off (define_shape translates the
        // trees differently: to soma(1) against soma(0.5)); the soma differs by π·d·ΔL = π·12.948·0.002 µm².
        var ax = MarkramCell.AreaPerType(xml);
        var aswc = MarkramCell.AreaPerType(swc);
        foreach (var type in new[] { "axon", "dend", "apic" })
        {
            var rel = Math.Abs(ax[type] / aswc[type] - 1);
            output.WriteLine($"{type}: area xml {ax[type]:F6} swc {aswc[type]:F6} µm², relative difference {rel:E2}");
            Assert.True(rel < 1e-9, $"{type}: {rel}");
        }

        var somaDifference = ax["soma"] - aswc["soma"];
        output.WriteLine($"soma: area xml {ax["soma"]:F6} swc {aswc["soma"]:F6} µm², difference {somaDifference:E3}");
        Assert.Equal(Math.PI * 12.948 * (12.95 - 12.948), somaDifference, 2e-4);
    }

    [Fact]
    public void SectionOrderIsCableOrderAndRootsAreConnectedAtOne()
    {
        var xml = MorphologyFile.Read(MarkramCell.Xml);
        var text = File.ReadAllText(MarkramCell.Xml);
        // cable names in <cables> order: soma_0, apical_dendrite_0.., axon_0.., dendrite_0..
        var cableNames = CableNameRegex().Matches(text).Select(m => m.Groups[1].Value).ToList();
        var expected = cableNames.Select(n =>
            n.StartsWith("soma", StringComparison.Ordinal) ? "soma" :
            n.StartsWith("apical", StringComparison.Ordinal) ? "apic" :
            n.StartsWith("axon", StringComparison.Ordinal) ? "axon" : "dend").ToList();
        Assert.Equal(expected, xml.Sections.Select(s => MarkramCell.TypeOf(s.Name)));
        Assert.Equal(["soma[0]", "apic[0]", "apic[1]"], xml.Sections.Take(3).Select(s => s.Name));

        // "parent="0"" segments start the 9 trees; they hang from the soma cable at 1 (no fractAlongParent)
        Assert.Equal(0, FractRegex().Count(text));
        Assert.Equal(ParentZeroRegex().Count(text) - 1, xml.Sections.Count(s => s.ParentIndex == 0));
        Assert.Single(xml.Sections, s => s.IsRoot);
        Assert.Equal([new(27.48f, 28.56f, 2.37f, 12.948f), new(27.48f, 22.09f, 2.37f, 12.948f), new(27.48f, 15.61f, 2.37f, 12.948f)],
            xml.Sections[0].Points.ToArray());
    }

    [Fact]
    public void FractAlongParentSphericalSegmentAndDefaults()
    {
        const string cell = """
            <?xml version="1.0"?>
            <neuroml xmlns="http://morphml.org/neuroml/schema" xmlns:meta="http://morphml.org/metadata/schema" xmlns:mml="http://morphml.org/morphml/schema">
             <cells><cell name="c">
              <mml:segments>
               <mml:segment id="0" name="s" cable="0">
                <mml:proximal x="0" y="0" z="0" diameter="10"/>
                <mml:distal x="0" y="0" z="0" diameter="10"/>
               </mml:segment>
               <mml:segment id="1" name="d" parent="0" cable="1">
                <mml:proximal x="5" y="0" z="0" diameter="2"/>
                <mml:distal x="25" y="0" z="0" diameter="1"/>
               </mml:segment>
               <mml:segment id="2" name="e" parent="1" cable="2">
                <mml:distal x="45" y="0" z="0" diameter="1"/>
               </mml:segment>
               <mml:segment id="3" name="f" parent="2" cable="3">
                <mml:proximal x="45" y="0" z="0" diameter="1"/>
                <mml:distal x="45" y="30" z="0" diameter="1"/>
               </mml:segment>
              </mml:segments>
              <mml:cables>
               <mml:cable id="0" name="soma"><meta:group>soma_group</meta:group></mml:cable>
               <mml:cable id="1" name="d" fractAlongParent="0.25"><meta:group>dendrite_group</meta:group></mml:cable>
               <mml:cable id="2" name="x" fractAlongParent="0.75"/>
               <mml:cable id="3" name="y" fractAlongParent="0.5"/>
              </mml:cables>
             </cell></cells>
            </neuroml>
            """;
        var m = MorphologyText.Read(cell, "cell.xml");

        // cable 2 has a single point: chk_valid removes it, and cable 3 (no group: NEURON's type-0 name) takes over
        // its parent and connection point (0.75, not its own 0.5)
        Assert.Equal(["soma[0]", "dend[0]", "dend_0[0]"], m.Sections.Select(s => s.Name));
        Assert.Equal(1, m.Sections[2].ParentIndex);
        Assert.Equal(0.75, m.Sections[2].ParentX);
        // a proximal equal to its distal is a "spherical segment": stretched by ±d/2 along y
        Assert.Equal([new(0, -5, 0, 10), new(0, 5, 0, 10)], m.Sections[0].Points.ToArray());
        Assert.Equal(0.25, m.Sections[1].ParentX);
        Assert.Equal(0, m.Sections[1].ParentIndex);
        Assert.Equal([new(5, 0, 0, 2), new(25, 0, 0, 1)], m.Sections[1].Points.ToArray());
    }

    [Theory]
    [InlineData("<mml:segment id=\"1\" name=\"d\" parent=\"0\" cable=\"1\"><mml:middle x=\"1\"/><mml:distal x=\"9\" y=\"0\" z=\"0\" diameter=\"1\"/></mml:segment>", 4, "unexpected <middle>")]
    [InlineData("<mml:segment id=\"1\" name=\"d\" parent=\"7\" cable=\"1\"><mml:distal x=\"9\" y=\"0\" z=\"0\" diameter=\"1\"/></mml:segment>", 4, "parent 7 is not an earlier segment")]
    [InlineData("<mml:segment id=\"1\" name=\"d\" parent=\"0\" cable=\"1\"><mml:distal x=\"9\" y=\"0\" z=\"0\"/></mml:segment>", 4, "without the diameter attribute")]
    [InlineData("<mml:segment id=\"1\" name=\"d\" parent=\"0\" cable=\"1\"><mml:distal x=\"9,5\" y=\"0\" z=\"0\" diameter=\"1\"/></mml:segment>", 4, "x=\"9,5\" is not a finite number")]
    [InlineData("<mml:segment id=\"1\" name=\"d\" parent=\"0\" cable=\"1\"><mml:distal x=\"9\" y=\"0\" z=\"0\" diameter=\"1\"></mml:segment>", 4, "malformed XML")]
    [InlineData("<mml:segment id=\"1\" name=\"d\" parent=\"0\" cable=\"1\"></mml:segment>", 4, "segment 1 has no <distal> point")]
    [InlineData("<mml:cable id=\"1\"/>", 4, "unexpected <cable> in <segments>")]
    public void MalformedMorphMlNamesFileLineAndWhatWasExpected(string badLine, int line, string message)
    {
        var cell = string.Join('\n',
            "<neuroml xmlns=\"http://morphml.org/neuroml/schema\" xmlns:mml=\"http://morphml.org/morphml/schema\"><cells><cell name=\"c\">",
            "<mml:segments>",
            "<mml:segment id=\"0\" name=\"s\" cable=\"0\"><mml:proximal x=\"0\" y=\"0\" z=\"0\" diameter=\"4\"/><mml:distal x=\"0\" y=\"4\" z=\"0\" diameter=\"4\"/></mml:segment>",
            badLine,
            "</mml:segments>",
            "<mml:cables><mml:cable id=\"0\" name=\"s\"/><mml:cable id=\"1\" name=\"d\"/></mml:cables>",
            "</cell></cells></neuroml>");

        var e = Assert.Throws<InputException>(() => MorphologyText.Read(cell, "bad.xml"));

        Assert.Equal("bad.xml", e.InputName);
        Assert.Equal(line, e.Line);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void ChildCableWithoutCableElementIsRefused()
    {
        var cell = string.Join('\n',
            "<neuroml xmlns=\"http://morphml.org/neuroml/schema\" xmlns:mml=\"http://morphml.org/morphml/schema\"><cells><cell name=\"c\">",
            "<mml:segments>",
            "<mml:segment id=\"0\" name=\"s\" cable=\"0\"><mml:proximal x=\"0\" y=\"0\" z=\"0\" diameter=\"4\"/><mml:distal x=\"0\" y=\"4\" z=\"0\" diameter=\"4\"/></mml:segment>",
            "<mml:segment id=\"1\" name=\"d\" parent=\"0\" cable=\"1\"><mml:distal x=\"9\" y=\"0\" z=\"0\" diameter=\"1\"/></mml:segment>",
            "</mml:segments>",
            "</cell></cells></neuroml>");

        var e = Assert.Throws<InputException>(() => MorphologyText.Read(cell, "bad.xml"));

        Assert.Equal(4, e.Line);
        Assert.Contains("cable 1 has a parent but no <cable id=\"1\"> element", e.Message);
    }

    [GeneratedRegex("<cable id=")]
    private static partial Regex CableRegex();

    [GeneratedRegex("<cable id=\"\\d+\" name=\"([^\"]*)\"")]
    private static partial Regex CableNameRegex();

    [GeneratedRegex("<proximal ")]
    private static partial Regex ProximalRegex();

    [GeneratedRegex("<distal ")]
    private static partial Regex DistalRegex();

    [GeneratedRegex("<cable id=\"\\d+\"[^>]*>((?:\\s*<meta:group>[^<]*</meta:group>)*)")]
    private static partial Regex CableGroupsRegex();

    [GeneratedRegex("fractAlongParent")]
    private static partial Regex FractRegex();

    [GeneratedRegex("parent=\"0\"")]
    private static partial Regex ParentZeroRegex();
}
