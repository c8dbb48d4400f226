using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace HybridLfp.Streaming.Numerics.Morphology.MorphMl;

/// <summary>
/// Collects the cables of a NeuroML v1 Level 1 (MorphML) cell as NEURON 8.2.2's <c>neuron.neuroml</c> reader does for
/// Import3d_MorphML: segments in file order; a new cable starts when a segment's <c>cable</c> differs from the
/// previous segment's; a cable's points are each segment's <c>&lt;proximal&gt;</c> (if present) then
/// <c>&lt;distal&gt;</c>; its parent is the cable of its first segment's parent segment; <c>&lt;cable id
/// fractAlongParent&gt;</c> gives the connection point (default 1, whatever segment of the parent cable the parent
/// segment is); and a cable whose first point equals its second (proximal = distal of a one-segment start) is
/// stretched by ±d/2 in y ("spherical segment"). Stricter than NEURON, which prints and skips what it cannot handle:
/// unknown MorphML elements inside <c>&lt;segments&gt;</c>, <c>&lt;segment&gt;</c> and <c>&lt;cables&gt;</c>,
/// missing or non-numeric attributes, unknown parents and cables, and non-contiguous cables are errors.
/// </summary>
internal sealed class MorphMlParser
{
    private const string MorphMlNamespaceSuffix = "/morphml/schema";

    private readonly string _sourceName;
    private readonly List<MorphMlCable> _cables = [];
    private readonly Dictionary<int, MorphMlCable> _cableById = [];
    private readonly Dictionary<int, int> _cableOfSegment = [];

    private MorphMlParser(string sourceName) => _sourceName = sourceName;

    public static List<MorphMlCable> Parse(string text, string sourceName)
    {
        var parser = new MorphMlParser(sourceName);
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), settings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new InputException(sourceName, $"malformed XML: {e.Message}", e.LineNumber, e);
        }

        var segments = document.Descendants().Where(e => IsMorphMl(e) && e.Name.LocalName == "segments").ToList();
        if (segments.Count == 0)
        {
            throw new InputException(sourceName, "no MorphML <segments> element found (expected a NeuroML v1 cell with <segments> and <cables>)");
        }

        if (segments.Count > 1)
        {
            throw new InputException(sourceName, "a second <segments> element: expected one cell per file", LineOf(segments[1]));
        }

        parser.Segments(segments[0]);
        foreach (var cables in document.Descendants().Where(e => IsMorphMl(e) && e.Name.LocalName == "cables"))
        {
            parser.Cables(cables);
        }

        return parser._cables;
    }

    private static bool IsMorphMl(XElement e)
    {
        var ns = e.Name.NamespaceName;
        return ns.Length == 0 || ns.EndsWith(MorphMlNamespaceSuffix, StringComparison.Ordinal);
    }

    private static int LineOf(XElement e) => ((IXmlLineInfo)e).LineNumber;

    private void Segments(XElement segments)
    {
        MorphMlCable? current = null;
        foreach (var e in segments.Elements().Where(IsMorphMl))
        {
            if (e.Name.LocalName != "segment")
            {
                throw new InputException(_sourceName, $"unexpected <{e.Name.LocalName}> in <segments> (expected <segment>)", LineOf(e));
            }

            current = Segment(e, current);
        }
    }

    private MorphMlCable Segment(XElement e, MorphMlCable? current)
    {
        var line = LineOf(e);
        var id = IntAttribute(e, "id", required: true)!.Value;
        var cableId = IntAttribute(e, "cable", required: true)!.Value;
        var parent = IntAttribute(e, "parent", required: false);
        if (_cableOfSegment.ContainsKey(id))
        {
            throw new InputException(_sourceName, $"duplicate segment id {id}", line);
        }

        var parentCable = -1;
        if (parent is { } p && !_cableOfSegment.TryGetValue(p, out parentCable))
        {
            throw new InputException(_sourceName, $"segment {id}: parent {p} is not an earlier segment", line);
        }

        if (current is null || current.Id != cableId)
        {
            if (_cableById.ContainsKey(cableId))
            {
                throw new InputException(
                    _sourceName, $"segment {id}: cable {cableId} continues after other cables (expected the segments of a cable to be contiguous)", line);
            }

            current = new MorphMlCable { Id = cableId, Line = line, ParentCableId = parentCable };
            _cables.Add(current);
            _cableById.Add(cableId, current);
        }

        MorphMlPoint? proximal = null;
        MorphMlPoint? distal = null;
        foreach (var child in e.Elements().Where(IsMorphMl))
        {
            if (child.Name.LocalName == "proximal" && proximal is null && distal is null)
            {
                proximal = Point(child);
            }
            else if (child.Name.LocalName == "distal" && distal is null)
            {
                distal = Point(child);
            }
            else
            {
                throw new InputException(
                    _sourceName,
                    $"segment {id}: unexpected <{child.Name.LocalName}> (expected an optional <proximal> followed by one <distal>)",
                    LineOf(child));
            }
        }

        if (distal is null)
        {
            throw new InputException(_sourceName, $"segment {id} has no <distal> point", line);
        }

        if (proximal is { } prox)
        {
            current.Points.Add(prox);
        }

        var dist = distal.Value;
        if (current.Points.Count == 1)
        {
            var first = current.Points[0];
            if (first.X == dist.X && first.Y == dist.Y && first.Z == dist.Z && first.Diameter == dist.Diameter)
            {
                // neuron.neuroml: "prox and distal same, assuming spherical segment"
                dist.Y += dist.Diameter / 2.0;
                current.Points[0] = first with { Y = first.Y - first.Diameter / 2.0 };
            }
        }

        current.Points.Add(dist);
        _cableOfSegment.Add(id, cableId);
        return current;
    }

    private MorphMlPoint Point(XElement e)
    {
        var d = DoubleAttribute(e, "diameter");
        if (d < 0)
        {
            throw new InputException(_sourceName, $"<{e.Name.LocalName}>: negative diameter {d}", LineOf(e));
        }

        return new MorphMlPoint(DoubleAttribute(e, "x"), DoubleAttribute(e, "y"), DoubleAttribute(e, "z"), d, LineOf(e));
    }

    private void Cables(XElement cables)
    {
        foreach (var e in cables.Elements().Where(IsMorphMl))
        {
            if (e.Name.LocalName == "cable")
            {
                Cable(e);
            }
            else if (e.Name.LocalName != "cablegroup") // groups of cables matter for biophysics only
            {
                throw new InputException(
                    _sourceName, $"unexpected <{e.Name.LocalName}> in <cables> (expected <cable> or <cablegroup>)", LineOf(e));
            }
        }
    }

    private void Cable(XElement e)
    {
        var line = LineOf(e);
        var id = IntAttribute(e, "id", required: true)!.Value;
        if (!_cableById.TryGetValue(id, out var cable))
        {
            throw new InputException(_sourceName, $"<cable id=\"{id}\"> names no cable of the <segments>", line);
        }

        var fract = (string?)e.Attribute("fractAlongParent");
        cable.ParentX = 1.0;
        if (fract is not null)
        {
            if (!double.TryParse(fract, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || x is < 0 or > 1)
            {
                throw new InputException(_sourceName, $"cable {id}: fractAlongParent=\"{fract}\" (expected a number in [0, 1])", line);
            }

            cable.ParentX = x;
        }

        foreach (var group in e.Elements().Where(g => g.Name.LocalName == "group"))
        {
            cable.Groups.Add(group.Value.Trim());
        }
    }

    private int? IntAttribute(XElement e, string name, bool required)
    {
        var text = (string?)e.Attribute(name);
        if (text is null)
        {
            if (required)
            {
                throw new InputException(_sourceName, $"<{e.Name.LocalName}> without the {name} attribute", LineOf(e));
            }

            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            throw new InputException(_sourceName, $"<{e.Name.LocalName}> {name}=\"{text}\" (expected a non-negative integer)", LineOf(e));
        }

        return value;
    }

    private double DoubleAttribute(XElement e, string name)
    {
        var text = (string?)e.Attribute(name)
            ?? throw new InputException(_sourceName, $"<{e.Name.LocalName}> without the {name} attribute (expected x, y, z and diameter)", LineOf(e));
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new InputException(_sourceName, $"<{e.Name.LocalName}> {name}=\"{text}\" is not a finite number", LineOf(e));
        }

        return value;
    }
}
