using System.Globalization;
using System.Xml.Linq;
using static HybridLfp.Streaming.Plotting.RenderContext;

namespace HybridLfp.Streaming.Plotting;

/// <summary>
/// One panel: a plot area (pixel rectangle inside its <see cref="Figure"/>) with x and y axes, series, an optional
/// legend and colour bar. Limits come from the axes' fixed values or the data. Renders as
/// <c>&lt;g class="axes"&gt;</c> whose <c>&lt;g class="plot-area"&gt;</c> carries the resolved limits as
/// <c>data-xmin/xmax/ymin/ymax</c>.
/// </summary>
public sealed class Axes
{
    private readonly List<PlotSeries> _series = [];

    internal Axes(double left, double top, double width, double height)
    {
        if (!(width > 0 && height > 0))
        {
            throw new ArgumentException($"axes need a positive size (got {width} × {height} px)");
        }

        (Left, Top, Width, Height) = (left, top, width, height);
    }

    /// <summary>Plot-area left edge, px from the figure's left.</summary>
    public double Left { get; }

    /// <summary>Plot-area top edge, px from the figure's top.</summary>
    public double Top { get; }

    /// <summary>Plot-area width, px.</summary>
    public double Width { get; }

    /// <summary>Plot-area height, px.</summary>
    public double Height { get; }

    public Axis X { get; } = new();

    public Axis Y { get; } = new();

    public string? Title { get; set; }

    /// <summary>Draw a legend of the labelled series (top right, inside the plot area).</summary>
    public bool ShowLegend { get; set; }

    /// <summary>Colour bar to the right of the plot area (the figure must leave room for it).</summary>
    public ColorBar? ColorBar { get; set; }

    /// <summary>Scale x and y so one data unit has the same length on both (morphologies).</summary>
    public bool EqualAspect { get; set; }

    public IReadOnlyList<PlotSeries> Series => _series;

    /// <summary>Adds a series and returns it (for further styling).</summary>
    public T Add<T>(T series) where T : PlotSeries
    {
        ArgumentNullException.ThrowIfNull(series);
        _series.Add(series);
        return series;
    }

    /// <summary>Resolved limits (xmin, xmax, ymin, ymax) in data units.</summary>
    public (double XMin, double XMax, double YMin, double YMax) Limits()
    {
        var xLog = X.Scale == AxisScale.Logarithmic;
        var yLog = Y.Scale == AxisScale.Logarithmic;
        var data = DataRange.Empty;
        foreach (var s in _series)
        {
            data.Union(s.Bounds(xLog, yLog));
        }

        var (xMin, xMax) = Resolve(X, data.HasX ? data.XMin : double.NaN, data.HasX ? data.XMax : double.NaN);
        var (yMin, yMax) = Resolve(Y, data.HasY ? data.YMin : double.NaN, data.HasY ? data.YMax : double.NaN);
        if (EqualAspect && X.Scale == AxisScale.Linear && Y.Scale == AxisScale.Linear)
        {
            // Widen the range that is too narrow for its pixel extent.
            var xPerPx = (xMax - xMin) / Width;
            var yPerPx = (yMax - yMin) / Height;
            if (xPerPx > yPerPx)
            {
                var c = 0.5 * (yMin + yMax);
                var half = 0.5 * xPerPx * Height;
                (yMin, yMax) = (c - half, c + half);
            }
            else
            {
                var c = 0.5 * (xMin + xMax);
                var half = 0.5 * yPerPx * Width;
                (xMin, xMax) = (c - half, c + half);
            }
        }

        return (xMin, xMax, yMin, yMax);
    }

    private static (double, double) Resolve(Axis axis, double dataMin, double dataMax)
    {
        var log = axis.Scale == AxisScale.Logarithmic;
        double min, max;
        if (double.IsNaN(dataMin))
        {
            (min, max) = log ? (1.0, 10.0) : (0.0, 1.0);
        }
        else if (log)
        {
            var lo = Math.Log10(dataMin);
            var hi = Math.Log10(dataMax);
            var pad = (hi - lo) * axis.Margin;
            (min, max) = (Math.Pow(10, lo - pad), Math.Pow(10, hi + pad));
        }
        else
        {
            var pad = (dataMax - dataMin) * axis.Margin;
            (min, max) = (dataMin - pad, dataMax + pad);
        }

        min = axis.Min ?? min;
        max = axis.Max ?? max;
        if (!(max > min))
        {
            // Degenerate range (a constant): open it up around the value.
            var c = min;
            var half = log ? 0 : Math.Abs(c) > 0 ? Math.Abs(c) * 0.1 : 1;
            (min, max) = log ? (c / 10, c * 10) : (c - half, c + half);
        }

        if (log && !(min > 0))
        {
            throw new InvalidOperationException($"logarithmic axis '{axis.Title}' needs positive limits (got {min} … {max})");
        }

        return (min, max);
    }

    internal XElement Render(Func<string> newId)
    {
        var (xMin, xMax, yMin, yMax) = Limits();
        var context = new RenderContext
        {
            Left = Left, Top = Top, Width = Width, Height = Height, XMin = xMin, XMax = xMax, YMin = yMin, YMax = yMax,
            XScale = X.Scale, YScale = Y.Scale, NewId = newId,
        };
        var root = E("g", A("class", "axes"));
        var clipId = newId();
        root.Add(E("clipPath", A("id", clipId), E("rect", A("x", Left), A("y", Top), A("width", Width), A("height", Height))));
        var plot = E("g", A("class", "plot-area"), A("clip-path", $"url(#{clipId})"),
            new XAttribute("data-xmin", Invariant(xMin)), new XAttribute("data-xmax", Invariant(xMax)),
            new XAttribute("data-ymin", Invariant(yMin)), new XAttribute("data-ymax", Invariant(yMax)));
        foreach (var s in _series)
        {
            var g = E("g", A("class", "series " + s.Kind));
            if (s.Label is not null)
            {
                g.Add(new XAttribute("data-label", s.Label));
            }

            s.Render(context, g);
            plot.Add(g);
        }

        root.Add(plot);
        RenderAxis(root, context, X, horizontal: true);
        RenderAxis(root, context, Y, horizontal: false);
        if (Title is not null)
        {
            root.Add(E("text", A("class", "title"), A("x", Left + Width / 2), A("y", Top - 8), A("text-anchor", "middle"), A("font-size", 13),
                A("font-weight", "bold"), Title));
        }

        if (ShowLegend)
        {
            RenderLegend(root);
        }

        if (ColorBar is not null)
        {
            RenderColorBar(root, ColorBar, newId);
        }

        return root;
    }

    private void RenderAxis(XElement root, RenderContext context, Axis axis, bool horizontal)
    {
        if (!axis.Visible)
        {
            return;
        }

        var g = E("g", A("class", horizontal ? "x-axis" : "y-axis"), A("font-size", 11), A("fill", "#222222"));
        var (min, max) = horizontal ? (context.XMin, context.XMax) : (context.YMin, context.YMax);
        if (horizontal)
        {
            g.Add(E("line", A("x1", Left), A("y1", Top + Height), A("x2", Left + Width), A("y2", Top + Height), A("stroke", "#222222")));
        }
        else
        {
            g.Add(E("line", A("x1", Left), A("y1", Top), A("x2", Left), A("y2", Top + Height), A("stroke", "#222222")));
        }

        IReadOnlyList<Tick> ticks;
        if (axis.Ticks is not null)
        {
            ticks = axis.Ticks.Where(t => t.Value >= min && t.Value <= max).ToArray();
        }
        else if (axis.Scale == AxisScale.Logarithmic)
        {
            ticks = NiceTicks.Logarithmic(min, max).Select(v => new Tick(v, "")).ToArray();
        }
        else
        {
            var target = horizontal ? Math.Clamp((int)(Width / 80), 2, 8) : Math.Clamp((int)(Height / 40), 3, 8);
            var step = NiceTicks.Step(min, max, target);
            ticks = NiceTicks.Linear(min, max, target).Select(v => new Tick(v, NiceTicks.Format(v, step))).ToArray();
        }

        foreach (var tick in ticks)
        {
            var label = axis.Scale == AxisScale.Logarithmic && axis.Ticks is null
                ? DecadeLabel(tick.Value)
                : new XElement(Svg + "tspan", tick.Label);
            if (horizontal)
            {
                var x = context.PxX(tick.Value);
                g.Add(E("line", A("class", "tick"), A("x1", x), A("y1", Top + Height), A("x2", x), A("y2", Top + Height + 4), A("stroke", "#222222")));
                g.Add(E("text", A("class", "tick-label"), A("x", x), A("y", Top + Height + 16), A("text-anchor", "middle"), label));
            }
            else
            {
                var y = context.PxY(tick.Value);
                g.Add(E("line", A("class", "tick"), A("x1", Left - 4), A("y1", y), A("x2", Left), A("y2", y), A("stroke", "#222222")));
                g.Add(E("text", A("class", "tick-label"), A("x", Left - 6), A("y", y + 4), A("text-anchor", "end"), label));
            }
        }

        if (axis.Title is not null)
        {
            if (horizontal)
            {
                g.Add(E("text", A("class", "axis-label"), A("x", Left + Width / 2), A("y", Top + Height + 34), A("text-anchor", "middle"),
                    A("font-size", 12), axis.Title));
            }
            else
            {
                var x = Left - 52;
                var y = Top + Height / 2;
                g.Add(E("text", A("class", "axis-label"), A("x", x), A("y", y), A("text-anchor", "middle"), A("font-size", 12),
                    A("transform", $"rotate(-90 {NiceTicks.Px(x)} {NiceTicks.Px(y)})"), axis.Title));
            }
        }

        root.Add(g);
    }

    private static XElement DecadeLabel(double value)
    {
        var exponent = (int)Math.Round(Math.Log10(value));
        return new XElement(Svg + "tspan", "10", new XElement(Svg + "tspan", new XAttribute("baseline-shift", "super"), new XAttribute("font-size", "8"),
            exponent.ToString(CultureInfo.InvariantCulture)));
    }

    private void RenderLegend(XElement root)
    {
        var entries = _series.Where(s => s.Label is not null).ToArray();
        if (entries.Length == 0)
        {
            return;
        }

        var width = 28 + 6.5 * entries.Max(s => s.Label!.Length);
        var height = 8 + 15 * entries.Length;
        var x0 = Left + Width - width - 6;
        var y0 = Top + 6;
        var g = E("g", A("class", "legend"), A("font-size", 11));
        g.Add(E("rect", A("x", x0), A("y", y0), A("width", width), A("height", height), A("fill", "#ffffff"), A("fill-opacity", 0.85),
            A("stroke", "#cccccc")));
        for (var i = 0; i < entries.Length; i++)
        {
            var y = y0 + 11 + 15 * i;
            var item = E("g", A("class", "legend-entry"));
            item.Add(entries[i].LegendSwatch(x0 + 5, y));
            item.Add(E("text", A("x", x0 + 24), A("y", y + 4), A("fill", "#222222"), entries[i].Label));
            g.Add(item);
        }

        root.Add(g);
    }

    private void RenderColorBar(XElement root, ColorBar bar, Func<string> newId)
    {
        var x = Left + Width + 12;
        var gradientId = newId();
        var gradient = E("linearGradient", A("id", gradientId), A("x1", "0"), A("y1", "1"), A("x2", "0"), A("y2", "0"));
        const int stops = 16;
        for (var i = 0; i <= stops; i++)
        {
            gradient.Add(E("stop", A("offset", Invariant((double)i / stops)), A("stop-color", bar.Map.Map((double)i / stops).ToHex())));
        }

        var g = E("g", A("class", "colorbar"), A("font-size", 10), A("fill", "#222222"));
        g.Add(E("defs", gradient));
        g.Add(E("rect", A("x", x), A("y", Top), A("width", bar.WidthPx), A("height", Height), A("fill", $"url(#{gradientId})"), A("stroke", "#444444"),
            A("stroke-width", 0.5)));
        var step = NiceTicks.Step(bar.Min, bar.Max, 5);
        foreach (var v in NiceTicks.Linear(bar.Min, bar.Max, 5))
        {
            var y = Top + (1 - (v - bar.Min) / (bar.Max - bar.Min)) * Height;
            g.Add(E("line", A("class", "tick"), A("x1", x + bar.WidthPx), A("y1", y), A("x2", x + bar.WidthPx + 3), A("y2", y), A("stroke", "#222222")));
            g.Add(E("text", A("class", "tick-label"), A("x", x + bar.WidthPx + 5), A("y", y + 3.5), NiceTicks.Format(v, step)));
        }

        if (bar.Title is not null)
        {
            var lx = x + bar.WidthPx + 62;
            var ly = Top + Height / 2;
            g.Add(E("text", A("class", "axis-label"), A("x", lx), A("y", ly), A("text-anchor", "middle"), A("font-size", 11),
                A("transform", $"rotate(-90 {NiceTicks.Px(lx)} {NiceTicks.Px(ly)})"), bar.Title));
        }

        root.Add(g);
    }

    private static string Invariant(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
