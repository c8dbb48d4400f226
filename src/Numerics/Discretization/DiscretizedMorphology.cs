using System.Collections.Immutable;
using HybridLfp.Streaming.Numerics.Geometry;

namespace HybridLfp.Streaming.Numerics.Discretization;

/// <summary>
/// A morphology discretized exactly as NEURON + LFPy do it: sections with nseg, segment geometry in NEURON's
/// coordinates (after define_shape, before LFPy moves the soma to the origin), membrane area, seg.diam and the
/// half-segment axial resistances the cable matrix is built from. Immutable; shared by every cell with the same
/// morphology and passive cable parameters.
/// </summary>
public sealed class DiscretizedMorphology
{
    internal DiscretizedMorphology(
        ImmutableArray<DiscretizedSection> sections,
        CellGeometry geometry,
        int[] sectionOfSegment,
        double[] rLeftMOhm,
        double[] rRightMOhm,
        double cmUfPerCm2,
        double raOhmCm,
        string source)
    {
        Sections = sections;
        Geometry = geometry;
        _sectionOfSegment = sectionOfSegment;
        _rLeft = rLeftMOhm;
        _rRight = rRightMOhm;
        CmUfPerCm2 = cmUfPerCm2;
        RaOhmCm = raOhmCm;
        Source = source;
    }

    private readonly int[] _sectionOfSegment;
    private readonly double[] _rLeft;
    private readonly double[] _rRight;

    /// <summary>Sections in LFPy segment order (= morphology order).</summary>
    public ImmutableArray<DiscretizedSection> Sections { get; }

    /// <summary>Segment geometry in NEURON coordinates (µm, µm², LFPy's _collect_geometry_neuron without rounding).</summary>
    public CellGeometry Geometry { get; }

    /// <summary>Specific membrane capacitance, µF/cm².</summary>
    public double CmUfPerCm2 { get; }

    /// <summary>Axial resistivity, Ω·cm.</summary>
    public double RaOhmCm { get; }

    /// <summary>Where the morphology came from (for messages).</summary>
    public string Source { get; }

    /// <summary>Total number of segments (LFPy's totnsegs).</summary>
    public int SegmentCount => Geometry.SegmentCount;

    /// <summary>Section index of a segment.</summary>
    public int SectionOfSegment(int segment) => _sectionOfSegment[segment];

    /// <summary>Section name of a segment.</summary>
    public string SectionName(int segment) => Sections[_sectionOfSegment[segment]].Name;

    /// <summary>NEURON's seg.x of a segment.</summary>
    public double SegmentX(int segment)
    {
        var s = Sections[_sectionOfSegment[segment]];
        return s.SegmentX(segment - s.FirstSegment);
    }

    /// <summary>Axial resistance of the proximal (seg.x − 1/(2nseg) .. seg.x) half of a segment, MΩ.</summary>
    public double LeftHalfResistanceMOhm(int segment) => _rLeft[segment];

    /// <summary>Axial resistance of the distal half of a segment, MΩ.</summary>
    public double RightHalfResistanceMOhm(int segment) => _rRight[segment];

    /// <summary>Index of the section with this exact name, or -1.</summary>
    public int IndexOfSection(string name)
    {
        for (var i = 0; i < Sections.Length; i++)
        {
            if (Sections[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Segment index of <c>section(x)</c> as NEURON's node_index: int(x·nseg), x = 1 mapped to the last segment.
    /// </summary>
    public int SegmentAt(int section, double x)
    {
        var s = Sections[section];
        if (!(x >= 0 && x <= 1))
        {
            throw new InputException(Source, $"section '{s.Name}': position x = {x} is outside [0, 1].");
        }

        var i = (int)(x * s.Nseg);
        if (i >= s.Nseg)
        {
            i = s.Nseg - 1;
        }

        return s.FirstSegment + i;
    }
}
