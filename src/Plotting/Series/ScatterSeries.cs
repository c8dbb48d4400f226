using System.Xml.Linq;
using static HybridLfp.Streaming.Plotting.RenderContext;

namespace HybridLfp.Streaming.Plotting.Series;

/// <summary>Points at (x, y), drawn as one <c>&lt;circle&gt;</c> each (spike rasters, soma positions).</summary>
public sealed class ScatterSeries : PlotSeries
{
    public ScatterSeries(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        CheckSameLength(x, y, "scatter");
        X = x;
        Y = y;
    }

    public IReadOnlyList<double> X { get; }

    public IReadOnlyList<double> Y { get; }

    /// <summary>Marker radius, px.</summary>
    public double Radius { get; set; } = 1.2;

    /// <summary>Marker opacity in [0, 1].</summary>
    public double Opacity { get; set; } = 1.0;

    public override string Kind => "scatter";

    internal override DataRange Bounds(bool xLog, bool yLog)
    {
        var r = DataRange.Empty;
        for (var i = 0; i < X.Count; i++)
        {
            r.AddX(X[i], xLog);
            r.AddY(Y[i], yLog);
        }

        return r;
    }

    internal override void Render(RenderContext context, XElement group)
    {
        group.Add(A("fill", Color.ToHex()));
        if (Opacity < 1)
        {
            group.Add(A("fill-opacity", Opacity));
        }

        var r = NiceTicks.Px(Radius);
        for (var i = 0; i < X.Count; i++)
        {
            if (double.IsFinite(X[i]) && double.IsFinite(Y[i]))
            {
                group.Add(E("circle", A("cx", context.PxX(X[i])), A("cy", context.PxY(Y[i])), A("r", r)));
            }
        }
    }

    internal override XElement LegendSwatch(double x, double y) => E("circle", A("cx", x + 7), A("cy", y), A("r", 3.5), A("fill", Color.ToHex()));
}
