using System.Text;
using System.Xml.Linq;
using static HybridLfp.Streaming.Plotting.RenderContext;

namespace HybridLfp.Streaming.Plotting.Series;

/// <summary>A polyline through (x, y); NaN values break the line.</summary>
public sealed class LineSeries : PlotSeries
{
    public LineSeries(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        CheckSameLength(x, y, "line");
        X = x;
        Y = y;
    }

    public IReadOnlyList<double> X { get; }

    public IReadOnlyList<double> Y { get; }

    /// <summary>Stroke width, px.</summary>
    public double LineWidth { get; set; } = 1.2;

    /// <summary>SVG dash pattern, e.g. "4 2"; null = solid.</summary>
    public string? Dash { get; set; }

    public override string Kind => "line";

    internal override DataRange Bounds(bool xLog, bool yLog)
    {
        var r = DataRange.Empty;
        for (var i = 0; i < X.Count; i++)
        {
            if (double.IsFinite(X[i]) && double.IsFinite(Y[i]) && (!xLog || X[i] > 0) && (!yLog || Y[i] > 0))
            {
                r.AddX(X[i]);
                r.AddY(Y[i]);
            }
        }

        return r;
    }

    internal override void Render(RenderContext context, XElement group)
    {
        var path = new StringBuilder();
        var pen = false;
        for (var i = 0; i < X.Count; i++)
        {
            var ok = double.IsFinite(X[i]) && double.IsFinite(Y[i])
                && (context.XScale != AxisScale.Logarithmic || X[i] > 0) && (context.YScale != AxisScale.Logarithmic || Y[i] > 0);
            if (!ok)
            {
                pen = false;
                continue;
            }

            path.Append(pen ? 'L' : 'M').Append(NiceTicks.Px(context.PxX(X[i]))).Append(',').Append(NiceTicks.Px(context.PxY(Y[i])));
            pen = true;
        }

        var element = E("path", A("d", path.ToString()), A("fill", "none"), A("stroke", Color.ToHex()), A("stroke-width", LineWidth),
            A("stroke-linejoin", "round"));
        if (Dash is not null)
        {
            element.Add(A("stroke-dasharray", Dash));
        }

        group.Add(element);
    }

    internal override XElement LegendSwatch(double x, double y) =>
        E("line", A("x1", x), A("y1", y), A("x2", x + 14), A("y2", y), A("stroke", Color.ToHex()), A("stroke-width", Math.Max(1.5, LineWidth)));
}
