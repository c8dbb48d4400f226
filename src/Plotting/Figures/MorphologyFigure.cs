using HybridLfp.Streaming.Numerics.Geometry;
using HybridLfp.Streaming.Plotting.Series;

namespace HybridLfp.Streaming.Plotting.Figures;

/// <summary>A cell drawn for a morphology figure: its geometry and the population it belongs to (colour, legend).</summary>
public sealed record PlacedCell(CellGeometry Geometry, string Population);

/// <summary>
/// Morphologies as filled segment polygons in a projection plane (x–z by default, equal aspect), coloured by
/// population, optionally with electrode contact positions (µm) as markers; and soma positions per population.
/// </summary>
public static class MorphologyFigure
{
    public static Figure Create(IReadOnlyList<PlacedCell> cells, Projection projection = Projection.XZ,
        (double[] U, double[] V)? contacts = null, double widthPx = 560, double heightPx = 640)
    {
        var figure = new Figure(widthPx, heightPx);
        var axes = figure.AddGrid(1)[0];
        var populations = cells.Select(c => c.Population).Distinct().ToArray();
        for (var p = 0; p < populations.Length; p++)
        {
            var polygons = cells.Where(c => c.Population == populations[p])
                .SelectMany(c => SegmentPolygons.Create(c.Geometry, projection)).ToArray();
            axes.Add(new PolygonSeries(polygons) { Label = populations[p], Color = Palette.Category(p), Opacity = 0.8 });
        }

        if (contacts is { } k)
        {
            axes.Add(new ScatterSeries(k.U, k.V) { Label = "contacts", Color = Rgb.Black, Radius = 3 });
        }

        LabelPlane(axes, projection, "morphologies");
        return figure;
    }

    /// <summary>Soma positions (µm) per population as dots in the projection plane.</summary>
    public static Figure CellPositions(IReadOnlyList<(string Population, double[] U, double[] V)> somas, Projection projection = Projection.XZ,
        double widthPx = 560, double heightPx = 560)
    {
        var figure = new Figure(widthPx, heightPx);
        var axes = figure.AddGrid(1)[0];
        for (var p = 0; p < somas.Count; p++)
        {
            axes.Add(new ScatterSeries(somas[p].U, somas[p].V) { Label = somas[p].Population, Color = Palette.Category(p), Radius = 2.5 });
        }

        LabelPlane(axes, projection, "cell positions");
        return figure;
    }

    // Axes of a projection plane: both in µm at equal scale, with a legend of the populations.
    private static void LabelPlane(Axes axes, Projection projection, string title)
    {
        var (u, v) = AxisNames(projection);
        axes.X.Label = u;
        axes.X.Unit = "µm";
        axes.Y.Label = v;
        axes.Y.Unit = "µm";
        axes.EqualAspect = true;
        axes.ShowLegend = true;
        axes.Title = title;
    }

    private static (string, string) AxisNames(Projection projection) => projection switch
    {
        Projection.XZ => ("x", "z"),
        Projection.XY => ("x", "y"),
        _ => ("y", "z"),
    };
}
