using System.Collections.Immutable;
using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Building;

/// <summary>An immutable <see cref="ICellSegments"/> over arrays (one entry per segment).</summary>
public sealed class SegmentTable : ICellSegments
{
    private readonly ImmutableArray<string> _sectionNames;
    private readonly ImmutableArray<double> _areas;
    private readonly ImmutableArray<Point3> _midpoints;

    /// <param name="sectionNames">section name per segment.</param>
    /// <param name="areasUm2">membrane area per segment, µm².</param>
    /// <param name="midpointsUm">midpoint per segment, µm (untransformed).</param>
    /// <param name="somaPositionUm">soma midpoint, µm (untransformed).</param>
    public SegmentTable(ImmutableArray<string> sectionNames, ImmutableArray<double> areasUm2, ImmutableArray<Point3> midpointsUm, Point3 somaPositionUm)
    {
        if (areasUm2.Length != sectionNames.Length || midpointsUm.Length != sectionNames.Length)
        {
            throw new ArgumentException($"per-segment arrays differ in length: {sectionNames.Length} names, {areasUm2.Length} areas, {midpointsUm.Length} midpoints");
        }

        _sectionNames = sectionNames;
        _areas = areasUm2;
        _midpoints = midpointsUm;
        SomaPosition = somaPositionUm;
    }

    public int SegmentCount => _sectionNames.Length;

    public Point3 SomaPosition { get; }

    public string SectionName(int segment) => _sectionNames[segment];

    public double AreaUm2(int segment) => _areas[segment];

    public Point3 Midpoint(int segment) => _midpoints[segment];
}
