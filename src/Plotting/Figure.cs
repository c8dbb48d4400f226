using System.Text;
using System.Xml;
using System.Xml.Linq;
using static HybridLfp.Streaming.Plotting.RenderContext;

namespace HybridLfp.Streaming.Plotting;

/// <summary>
/// A figure of one or more <see cref="Axes"/>, rendered as a standalone SVG document (no external resources; text
/// in a generic sans-serif font). Build, then call <see cref="ToSvg"/> or <see cref="Save"/>. Not thread-safe.
/// </summary>
public sealed class Figure
{
    private readonly List<Axes> _axes = [];

    /// <summary>Creates an empty figure of the given size, px.</summary>
    public Figure(double widthPx = 720, double heightPx = 480)
    {
        if (!(widthPx > 0 && heightPx > 0))
        {
            throw new ArgumentException($"figure size must be positive (got {widthPx} × {heightPx} px)");
        }

        (WidthPx, HeightPx) = (widthPx, heightPx);
    }

    public double WidthPx { get; }

    public double HeightPx { get; }

    /// <summary>
    /// Prefix of the element ids (clip paths, gradients) in the SVG. Give every figure inlined into the same HTML page
    /// its own prefix: ids are global to a page, and a clip path resolving to another figure's element hides data.
    /// </summary>
    public string IdPrefix { get; set; } = "hlfp";

    /// <summary>Title centred at the top of the figure.</summary>
    public string? Title { get; set; }

    public IReadOnlyList<Axes> Axes => _axes;

    /// <summary>Space around plot areas for tick labels and axis titles, px.</summary>
    public static (double Left, double Right, double Top, double Bottom) DefaultMargins => (78, 24, 34, 48);

    /// <summary>Adds an axes whose plot area is the given pixel rectangle.</summary>
    public Axes AddAxes(double leftPx, double topPx, double widthPx, double heightPx)
    {
        var axes = new Axes(leftPx, topPx, widthPx, heightPx);
        _axes.Add(axes);
        return axes;
    }

    /// <summary>
    /// Adds <paramref name="rows"/> × <paramref name="columns"/> axes filling the figure, row by row, with room for
    /// labels (and for colour bars when <paramref name="colorBars"/>). <paramref name="heightRatios"/> sets relative
    /// row heights.
    /// </summary>
    public IReadOnlyList<Axes> AddGrid(int rows, int columns = 1, bool colorBars = false, IReadOnlyList<double>? heightRatios = null)
    {
        if (rows < 1 || columns < 1)
        {
            throw new ArgumentException("a grid needs at least one row and one column");
        }

        var (ml, mr, mt, mb) = DefaultMargins;
        if (colorBars)
        {
            mr += 86;
        }

        var top0 = Title is null ? 8.0 : 26.0;
        var cellWidth = WidthPx / columns;
        var ratios = heightRatios ?? Enumerable.Repeat(1.0, rows).ToArray();
        if (ratios.Count != rows)
        {
            throw new ArgumentException($"{ratios.Count} height ratios for {rows} rows");
        }

        var totalRatio = ratios.Sum();
        var available = HeightPx - top0;
        var result = new List<Axes>();
        var y = top0;
        for (var r = 0; r < rows; r++)
        {
            var cellHeight = available * ratios[r] / totalRatio;
            for (var c = 0; c < columns; c++)
            {
                result.Add(AddAxes(c * cellWidth + ml, y + mt, cellWidth - ml - mr, cellHeight - mt - mb));
            }

            y += cellHeight;
        }

        return result;
    }

    /// <summary>The figure as an SVG document.</summary>
    public XDocument ToXDocument()
    {
        var counter = 0;
        string NewId() => $"{IdPrefix}-{++counter}";
        var svg = new XElement(Svg + "svg",
            A("width", WidthPx), A("height", HeightPx), A("viewBox", $"0 0 {NiceTicks.Px(WidthPx)} {NiceTicks.Px(HeightPx)}"),
            A("font-family", "DejaVu Sans, Helvetica, Arial, sans-serif"));
        svg.Add(E("rect", A("width", "100%"), A("height", "100%"), A("fill", "#ffffff")));
        if (Title is not null)
        {
            svg.Add(E("text", A("class", "figure-title"), A("x", WidthPx / 2), A("y", 18), A("text-anchor", "middle"), A("font-size", 15),
                A("font-weight", "bold"), Title));
        }

        foreach (var axes in _axes)
        {
            svg.Add(axes.Render(NewId));
        }

        return new XDocument(svg);
    }

    /// <summary>The SVG text (UTF-8, no XML declaration, so it can also be inlined in HTML).</summary>
    public string ToSvg()
    {
        var settings = new XmlWriterSettings { OmitXmlDeclaration = true, Indent = false, Encoding = new UTF8Encoding(false) };
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, settings))
        {
            ToXDocument().Save(writer);
        }

        return builder.ToString();
    }

    /// <summary>Writes the SVG file.</summary>
    public void Save(string path) => File.WriteAllText(path, ToSvg(), new UTF8Encoding(false));
}
