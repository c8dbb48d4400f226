using System.Xml.Linq;
using static HybridLfp.Streaming.Plotting.RenderContext;

namespace HybridLfp.Streaming.Plotting.Series;

/// <summary>Vertical bars from a baseline to heights, one per left edge <c>X[i]</c>, each <see cref="Width"/> wide (data units).</summary>
public sealed class BarSeries : PlotSeries
{
    public BarSeries(IReadOnlyList<double> leftEdges, IReadOnlyList<double> heights, double width)
    {
        CheckSameLength(leftEdges, heights, "bars");
        if (!(width > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "bar width must be > 0");
        }

        X = leftEdges;
        Heights = heights;
        Width = width;
    }

    public IReadOnlyList<double> X { get; }

    public IReadOnlyList<double> Heights { get; }

    /// <summary>Bar width in x data units.</summary>
    public double Width { get; }

    /// <summary>Bar bottom in y data units.</summary>
    public double Baseline { get; set; }

    public override string Kind => "bars";

    internal override DataRange Bounds(bool xLog, bool yLog)
    {
        var r = DataRange.Empty;
        for (var i = 0; i < X.Count; i++)
        {
            r.AddX(X[i], xLog);
            r.AddX(X[i] + Width, xLog);
            r.AddY(Heights[i], yLog);
        }

        r.AddY(Baseline, yLog);
        return r;
    }

    internal override void Render(RenderContext context, XElement group)
    {
        for (var i = 0; i < X.Count; i++)
        {
            if (!double.IsFinite(Heights[i]))
            {
                continue;
            }

            var x0 = context.PxX(X[i]);
            var x1 = context.PxX(X[i] + Width);
            var y0 = context.PxY(Baseline);
            var y1 = context.PxY(Heights[i]);
            group.Add(E("rect", A("x", Math.Min(x0, x1)), A("y", Math.Min(y0, y1)), A("width", Math.Abs(x1 - x0)), A("height", Math.Abs(y1 - y0)),
                A("fill", Color.ToHex())));
        }
    }
}
