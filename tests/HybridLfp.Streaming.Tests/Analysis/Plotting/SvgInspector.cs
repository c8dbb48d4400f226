using System.Globalization;
using System.Xml.Linq;
using HybridLfp.Streaming.Plotting;

namespace HybridLfp.Streaming.Tests.Analysis.Plotting;

/// <summary>Parses a figure's SVG text (so every test also checks it is well-formed XML) and finds parts by class.</summary>
internal sealed class SvgInspector
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public SvgInspector(Figure figure)
    {
        Text = figure.ToSvg();
        Document = XDocument.Parse(Text);
        Assert.Equal(Svg + "svg", Document.Root!.Name);
    }

    public string Text { get; }

    public XDocument Document { get; }

    public IEnumerable<XElement> WithClass(string cls) =>
        Document.Descendants().Where(e => ((string?)e.Attribute("class"))?.Split(' ').Contains(cls) == true);

    public IEnumerable<XElement> Series(string kind) => WithClass("series").Where(e => ((string)e.Attribute("class")!).Split(' ').Contains(kind));

    public IReadOnlyList<string> Texts(string cls) => WithClass(cls).Select(e => e.Value).ToArray();

    public static (double XMin, double XMax, double YMin, double YMax) Limits(XElement plotArea) =>
        (D(plotArea, "data-xmin"), D(plotArea, "data-xmax"), D(plotArea, "data-ymin"), D(plotArea, "data-ymax"));

    private static double D(XElement e, string name) => double.Parse((string)e.Attribute(name)!, CultureInfo.InvariantCulture);
}
