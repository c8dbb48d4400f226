namespace HybridLfp.Streaming.Numerics.Geometry;

/// <summary>
/// Segment geometry of one cell as the forward models see it (LFPykit's <c>CellGeometry</c>): for every segment its
/// start and end points, diameter, length and membrane area. Arrays are owned by this object and must not be
/// mutated after construction. Shapes: every array has <see cref="SegmentCount"/> elements.
/// </summary>
public sealed class CellGeometry
{
    /// <summary>Segment start x, µm.</summary>
    public double[] XStart { get; }
    /// <summary>Segment end x, µm.</summary>
    public double[] XEnd { get; }
    /// <summary>Segment start y, µm.</summary>
    public double[] YStart { get; }
    /// <summary>Segment end y, µm.</summary>
    public double[] YEnd { get; }
    /// <summary>Segment start z, µm.</summary>
    public double[] ZStart { get; }
    /// <summary>Segment end z, µm.</summary>
    public double[] ZEnd { get; }
    /// <summary>Segment diameter (NEURON's seg.diam), µm.</summary>
    public double[] Diameter { get; }
    /// <summary>Segment length (L/nseg), µm.</summary>
    public double[] Length { get; }
    /// <summary>Segment membrane area (NEURON's area(x)), µm².</summary>
    public double[] Area { get; }

    /// <summary>Number of segments.</summary>
    public int SegmentCount => XStart.Length;

    public CellGeometry(
        double[] xStart, double[] xEnd,
        double[] yStart, double[] yEnd,
        double[] zStart, double[] zEnd,
        double[] diameter, double[] length, double[] area)
    {
        var n = xStart.Length;
        Check(xEnd, n, nameof(xEnd));
        Check(yStart, n, nameof(yStart));
        Check(yEnd, n, nameof(yEnd));
        Check(zStart, n, nameof(zStart));
        Check(zEnd, n, nameof(zEnd));
        Check(diameter, n, nameof(diameter));
        Check(length, n, nameof(length));
        Check(area, n, nameof(area));
        XStart = xStart;
        XEnd = xEnd;
        YStart = yStart;
        YEnd = yEnd;
        ZStart = zStart;
        ZEnd = zEnd;
        Diameter = diameter;
        Length = length;
        Area = area;
    }

    /// <summary>Segment midpoint x, µm.</summary>
    public double XMid(int i) => 0.5 * (XStart[i] + XEnd[i]);
    /// <summary>Segment midpoint y, µm.</summary>
    public double YMid(int i) => 0.5 * (YStart[i] + YEnd[i]);
    /// <summary>Segment midpoint z, µm.</summary>
    public double ZMid(int i) => 0.5 * (ZStart[i] + ZEnd[i]);

    private static void Check(double[] array, int n, string name)
    {
        ArgumentNullException.ThrowIfNull(array, name);
        if (array.Length != n)
        {
            throw new ArgumentException($"{name} has {array.Length} elements; expected {n} (one per segment).", name);
        }
    }
}
