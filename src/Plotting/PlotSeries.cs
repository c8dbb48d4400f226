using System.Xml.Linq;

namespace HybridLfp.Streaming.Plotting;

/// <summary>
/// Something drawn inside an <see cref="Axes"/>. Each series renders as one <c>&lt;g class="series KIND"&gt;</c> with
/// a <c>data-label</c> attribute, so figures can be inspected structurally.
/// </summary>
public abstract class PlotSeries
{
    /// <summary>Legend text; null keeps the series out of the legend.</summary>
    public string? Label { get; set; }

    /// <summary>Main colour.</summary>
    public Rgb Color { get; set; } = Palette.Category(0);

    /// <summary>Short kind name used as CSS class ("line", "area", "bars", "scatter", "image", "polygons", …).</summary>
    public abstract string Kind { get; }

    internal abstract DataRange Bounds(bool xLog, bool yLog);

    internal abstract void Render(RenderContext context, XElement group);

    /// <summary>The small symbol drawn in the legend.</summary>
    internal virtual XElement LegendSwatch(double x, double y) =>
        RenderContext.E("rect", RenderContext.A("x", x), RenderContext.A("y", y - 5), RenderContext.A("width", 14), RenderContext.A("height", 10),
            RenderContext.A("fill", Color.ToHex()));

    internal static void CheckSameLength(IReadOnlyCollection<double> x, IReadOnlyCollection<double> y, string what)
    {
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"{what}: x has {x.Count} values, y has {y.Count}");
        }
    }
}
