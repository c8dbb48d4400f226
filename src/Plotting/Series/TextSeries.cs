using System.Xml.Linq;
using static HybridLfp.Streaming.Plotting.RenderContext;

namespace HybridLfp.Streaming.Plotting.Series;

/// <summary>A text label anchored at a data position (annotations, scale bars).</summary>
public sealed class TextSeries(double x, double y, string text) : PlotSeries
{
    public double X { get; } = x;

    public double Y { get; } = y;

    public string Text { get; } = text;

    /// <summary>SVG text-anchor: start, middle or end.</summary>
    public string Anchor { get; set; } = "start";

    /// <summary>Font size, px.</summary>
    public double FontSize { get; set; } = 10;

    public override string Kind => "text";

    internal override DataRange Bounds(bool xLog, bool yLog) => DataRange.Empty;

    internal override void Render(RenderContext context, XElement group) =>
        group.Add(E("text", A("x", context.PxX(X)), A("y", context.PxY(Y)), A("font-size", FontSize), A("text-anchor", Anchor),
            A("fill", Color.ToHex()), Text));
}
