using System.Text;
using System.Xml.Linq;
using static HybridLfp.Streaming.Plotting.RenderContext;

namespace HybridLfp.Streaming.Plotting.Series;

/// <summary>Filled polygons (e.g. segment outlines of a morphology), each given by its corner coordinates.</summary>
public sealed class PolygonSeries : PlotSeries
{
    public PolygonSeries(IReadOnlyList<(double[] X, double[] Y)> polygons)
    {
        foreach (var (x, y) in polygons)
        {
            CheckSameLength(x, y, "polygon");
        }

        Polygons = polygons;
    }

    public IReadOnlyList<(double[] X, double[] Y)> Polygons { get; }

    public double Opacity { get; set; } = 1.0;

    public override string Kind => "polygons";

    internal override DataRange Bounds(bool xLog, bool yLog)
    {
        var r = DataRange.Empty;
        foreach (var (x, y) in Polygons)
        {
            for (var i = 0; i < x.Length; i++)
            {
                r.AddX(x[i], xLog);
                r.AddY(y[i], yLog);
            }
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

        foreach (var (x, y) in Polygons)
        {
            var points = new StringBuilder();
            for (var i = 0; i < x.Length; i++)
            {
                points.Append(i == 0 ? "" : " ").Append(NiceTicks.Px(context.PxX(x[i]))).Append(',').Append(NiceTicks.Px(context.PxY(y[i])));
            }

            group.Add(E("polygon", A("points", points.ToString())));
        }
    }
}
