using System.Xml.Linq;
using static HybridLfp.Streaming.Plotting.RenderContext;

namespace HybridLfp.Streaming.Plotting.Series;

/// <summary>
/// A matrix <c>Values[row][column]</c> drawn as coloured cells over a data extent: columns run from
/// <see cref="X0"/> to <see cref="X1"/>, rows from <see cref="Y0"/> (row 0) to <see cref="Y1"/> (last row). Small
/// images render as one <c>&lt;rect&gt;</c> per cell, larger ones as an embedded PNG (data URI) so files stay small.
/// </summary>
public sealed class ImageSeries : PlotSeries
{
    public ImageSeries(double[][] values, double x0, double x1, double y0, double y1)
    {
        if (values.Length == 0 || values[0].Length == 0 || values.Any(r => r.Length != values[0].Length))
        {
            throw new ArgumentException("an image needs a non-empty rectangular matrix", nameof(values));
        }

        Values = values;
        (X0, X1, Y0, Y1) = (x0, x1, y0, y1);
        var finite = values.SelectMany(r => r).Where(double.IsFinite).DefaultIfEmpty(0).ToArray();
        ColorMin = finite.Min();
        ColorMax = finite.Max();
    }

    public double[][] Values { get; }

    public double X0 { get; }
    public double X1 { get; }
    public double Y0 { get; }
    public double Y1 { get; }

    public ColorMap ColorMap { get; set; } = ColorMap.Sequential;

    /// <summary>Value mapped to the first colour of the map.</summary>
    public double ColorMin { get; set; }

    /// <summary>Value mapped to the last colour of the map.</summary>
    public double ColorMax { get; set; }

    /// <summary>Cell count up to which cells are drawn as rects (above it: embedded PNG).</summary>
    public int MaxRectCells { get; set; } = 2000;

    /// <summary>Sets a colour range symmetric about zero (±max |value|), for signed data with a diverging map.</summary>
    public ImageSeries SymmetricColorRange()
    {
        var m = Math.Max(Math.Abs(ColorMin), Math.Abs(ColorMax));
        (ColorMin, ColorMax) = (-m, m);
        return this;
    }

    public override string Kind => "image";

    internal override DataRange Bounds(bool xLog, bool yLog)
    {
        var r = DataRange.Empty;
        r.AddX(X0, xLog);
        r.AddX(X1, xLog);
        r.AddY(Y0, yLog);
        r.AddY(Y1, yLog);
        return r;
    }

    internal override void Render(RenderContext context, XElement group)
    {
        var rows = Values.Length;
        var cols = Values[0].Length;
        if (rows * (long)cols <= MaxRectCells)
        {
            for (var i = 0; i < rows; i++)
            {
                var ya = context.PxY(Y0 + (Y1 - Y0) * i / rows);
                var yb = context.PxY(Y0 + (Y1 - Y0) * (i + 1) / rows);
                for (var j = 0; j < cols; j++)
                {
                    var xa = context.PxX(X0 + (X1 - X0) * j / cols);
                    var xb = context.PxX(X0 + (X1 - X0) * (j + 1) / cols);
                    group.Add(E("rect", A("x", Math.Min(xa, xb)), A("y", Math.Min(ya, yb)), A("width", Math.Abs(xb - xa) + 0.3),
                        A("height", Math.Abs(yb - ya) + 0.3), A("fill", ColorMap.Map(Values[i][j], ColorMin, ColorMax).ToHex())));
                }
            }

            return;
        }

        // PNG rows top to bottom and columns left to right as they appear on screen.
        var flipRows = context.PxY(Y0) > context.PxY(Y1);
        var flipCols = context.PxX(X0) > context.PxX(X1);
        var pixels = new Rgb[rows][];
        for (var r = 0; r < rows; r++)
        {
            var source = Values[flipRows ? rows - 1 - r : r];
            var line = new Rgb[cols];
            for (var c = 0; c < cols; c++)
            {
                line[c] = ColorMap.Map(source[flipCols ? cols - 1 - c : c], ColorMin, ColorMax);
            }

            pixels[r] = line;
        }

        double px0 = context.PxX(X0), px1 = context.PxX(X1), py0 = context.PxY(Y0), py1 = context.PxY(Y1);
        group.Add(E("image", A("x", Math.Min(px0, px1)), A("y", Math.Min(py0, py1)), A("width", Math.Abs(px1 - px0)), A("height", Math.Abs(py1 - py0)),
            A("preserveAspectRatio", "none"), A("style", "image-rendering:pixelated;image-rendering:crisp-edges"),
            A("href", PngEncoder.ToDataUri(pixels))));
    }
}
