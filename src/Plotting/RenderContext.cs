using System.Xml.Linq;

namespace HybridLfp.Streaming.Plotting;

/// <summary>Data-to-pixel transform of one axes while it is rendered, plus SVG element helpers.</summary>
internal sealed class RenderContext
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public required double Left { get; init; }
    public required double Top { get; init; }
    public required double Width { get; init; }
    public required double Height { get; init; }
    public required double XMin { get; init; }
    public required double XMax { get; init; }
    public required double YMin { get; init; }
    public required double YMax { get; init; }
    public required AxisScale XScale { get; init; }
    public required AxisScale YScale { get; init; }
    public required Func<string> NewId { get; init; }

    public double PxX(double x) => Left + Fraction(x, XMin, XMax, XScale) * Width;

    public double PxY(double y) => Top + (1 - Fraction(y, YMin, YMax, YScale)) * Height;

    private static double Fraction(double v, double min, double max, AxisScale scale) => scale == AxisScale.Logarithmic
        ? (Math.Log10(v) - Math.Log10(min)) / (Math.Log10(max) - Math.Log10(min))
        : (v - min) / (max - min);

    public static XElement E(string name, params object?[] content) => new(Svg + name, content);

    public static XAttribute A(string name, double value) => new(name, NiceTicks.Px(value));

    public static XAttribute A(string name, string value) => new(name, value);
}
