using System.Globalization;
using System.Xml.Linq;
using static HybridLfp.Streaming.Plotting.RenderContext;

namespace HybridLfp.Streaming.Plotting.Series;

/// <summary>One frame of an <see cref="AnimatedScatterSeries"/>: points and a caption (e.g. "100–120 ms").</summary>
public sealed record ScatterFrame(double[] X, double[] Y, string Caption);

/// <summary>
/// Points that change over frames, played as an SVG (SMIL) animation: each frame is a
/// <c>&lt;g class="frame"&gt;</c> shown for <see cref="FrameSeconds"/> in turn, repeating forever. Browsers play it
/// when the SVG is opened directly or inlined in HTML.
/// </summary>
public sealed class AnimatedScatterSeries : PlotSeries
{
    public AnimatedScatterSeries(IReadOnlyList<ScatterFrame> frames)
    {
        if (frames.Count == 0)
        {
            throw new ArgumentException("an animation needs at least one frame", nameof(frames));
        }

        foreach (var f in frames)
        {
            CheckSameLength(f.X, f.Y, "frame");
        }

        Frames = frames;
    }

    public IReadOnlyList<ScatterFrame> Frames { get; }

    /// <summary>Display time of each frame, s.</summary>
    public double FrameSeconds { get; set; } = 0.2;

    /// <summary>Marker radius, px.</summary>
    public double Radius { get; set; } = 2.5;

    /// <summary>Background points drawn in every frame (e.g. all node positions), grey; null = none.</summary>
    public (double[] X, double[] Y)? Background { get; set; }

    public override string Kind => "animation";

    internal override DataRange Bounds(bool xLog, bool yLog)
    {
        var r = DataRange.Empty;
        foreach (var f in Frames)
        {
            for (var i = 0; i < f.X.Length; i++)
            {
                r.AddX(f.X[i], xLog);
                r.AddY(f.Y[i], yLog);
            }
        }

        if (Background is { } b)
        {
            for (var i = 0; i < b.X.Length; i++)
            {
                r.AddX(b.X[i], xLog);
                r.AddY(b.Y[i], yLog);
            }
        }

        return r;
    }

    internal override void Render(RenderContext context, XElement group)
    {
        if (Background is { } b)
        {
            var bg = E("g", A("class", "background"), A("fill", "#d0d0d0"));
            for (var i = 0; i < b.X.Length; i++)
            {
                bg.Add(E("circle", A("cx", context.PxX(b.X[i])), A("cy", context.PxY(b.Y[i])), A("r", Radius * 0.6)));
            }

            group.Add(bg);
        }

        var n = Frames.Count;
        var total = (n * FrameSeconds).ToString("0.###", CultureInfo.InvariantCulture) + "s";
        for (var k = 0; k < n; k++)
        {
            var frame = Frames[k];
            var g = E("g", A("class", "frame"), A("fill", Color.ToHex()), A("visibility", k == 0 ? "visible" : "hidden"));
            var begin = ((double)k / n).ToString("0.######", CultureInfo.InvariantCulture);
            var end = ((double)(k + 1) / n).ToString("0.######", CultureInfo.InvariantCulture);
            var (values, keyTimes) = k == 0 ? ("visible;hidden", $"0;{end}") : ("hidden;visible;hidden", $"0;{begin};{end}");
            if (n > 1)
            {
                g.Add(E("animate", A("attributeName", "visibility"), A("values", values), A("keyTimes", keyTimes), A("calcMode", "discrete"),
                    A("dur", total), A("repeatCount", "indefinite")));
            }

            for (var i = 0; i < frame.X.Length; i++)
            {
                g.Add(E("circle", A("cx", context.PxX(frame.X[i])), A("cy", context.PxY(frame.Y[i])), A("r", Radius)));
            }

            g.Add(E("text", A("x", context.Left + context.Width - 4), A("y", context.Top + 14), A("text-anchor", "end"), A("font-size", 11),
                A("fill", "#333333"), frame.Caption));
            group.Add(g);
        }
    }
}
