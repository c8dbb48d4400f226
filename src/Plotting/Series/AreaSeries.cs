using System.Text;
using System.Xml.Linq;
using static HybridLfp.Streaming.Plotting.RenderContext;

namespace HybridLfp.Streaming.Plotting.Series;

/// <summary>The region between two curves y1(x) and y2(x) (matplotlib's fill_between); y2 defaults to 0.</summary>
public sealed class AreaSeries : PlotSeries
{
    public AreaSeries(IReadOnlyList<double> x, IReadOnlyList<double> y1, IReadOnlyList<double>? y2 = null)
    {
        CheckSameLength(x, y1, "area");
        if (y2 is not null)
        {
            CheckSameLength(x, y2, "area baseline");
        }

        X = x;
        Y1 = y1;
        Y2 = y2 ?? new double[x.Count];
    }

    public IReadOnlyList<double> X { get; }

    public IReadOnlyList<double> Y1 { get; }

    public IReadOnlyList<double> Y2 { get; }

    /// <summary>Fill opacity in [0, 1].</summary>
    public double Opacity { get; set; } = 0.8;

    public override string Kind => "area";

    internal override DataRange Bounds(bool xLog, bool yLog)
    {
        var r = DataRange.Empty;
        for (var i = 0; i < X.Count; i++)
        {
            r.AddX(X[i], xLog);
            r.AddY(Y1[i], yLog);
            r.AddY(Y2[i], yLog);
        }

        return r;
    }

    internal override void Render(RenderContext context, XElement group)
    {
        if (X.Count == 0)
        {
            return;
        }

        var path = new StringBuilder();
        for (var i = 0; i < X.Count; i++)
        {
            path.Append(i == 0 ? 'M' : 'L').Append(NiceTicks.Px(context.PxX(X[i]))).Append(',').Append(NiceTicks.Px(context.PxY(Y1[i])));
        }

        for (var i = X.Count - 1; i >= 0; i--)
        {
            path.Append('L').Append(NiceTicks.Px(context.PxX(X[i]))).Append(',').Append(NiceTicks.Px(context.PxY(Y2[i])));
        }

        path.Append('Z');
        group.Add(E("path", A("d", path.ToString()), A("fill", Color.ToHex()), A("fill-opacity", Opacity), A("stroke", "none")));
    }
}
