namespace HybridLfp.Streaming.Plotting;

/// <summary>Extent of data along x and y (NaN-free; empty when nothing finite was added).</summary>
internal struct DataRange
{
    public double XMin, XMax, YMin, YMax;

    public static DataRange Empty => new() { XMin = double.PositiveInfinity, XMax = double.NegativeInfinity, YMin = double.PositiveInfinity, YMax = double.NegativeInfinity };

    public readonly bool HasX => XMin <= XMax;

    public readonly bool HasY => YMin <= YMax;

    public void AddX(double x, bool positiveOnly = false)
    {
        if (double.IsFinite(x) && (!positiveOnly || x > 0))
        {
            XMin = Math.Min(XMin, x);
            XMax = Math.Max(XMax, x);
        }
    }

    public void AddY(double y, bool positiveOnly = false)
    {
        if (double.IsFinite(y) && (!positiveOnly || y > 0))
        {
            YMin = Math.Min(YMin, y);
            YMax = Math.Max(YMax, y);
        }
    }

    public void Union(DataRange other)
    {
        XMin = Math.Min(XMin, other.XMin);
        XMax = Math.Max(XMax, other.XMax);
        YMin = Math.Min(YMin, other.YMin);
        YMax = Math.Max(YMax, other.YMax);
    }
}
