namespace HybridLfp.Streaming.Numerics.Morphology.MorphMl;

/// <summary>One MorphML point (a segment's proximal or distal end): position and diameter in µm.</summary>
/// <param name="X">x, µm.</param>
/// <param name="Y">y, µm.</param>
/// <param name="Z">z, µm.</param>
/// <param name="Diameter">diameter, µm.</param>
/// <param name="Line">1-based line of the element.</param>
internal record struct MorphMlPoint(double X, double Y, double Z, double Diameter, int Line);

/// <summary>
/// A MorphML cable as NEURON's <c>neuron.neuroml</c> reader collects it: the points of its segments in file order
/// (each segment's proximal if given, then its distal), the cable of its first segment's parent, and what the
/// <c>&lt;cable&gt;</c> element says (fractAlongParent, groups).
/// </summary>
internal sealed class MorphMlCable
{
    /// <summary>Cable id (the segments' <c>cable</c> attribute).</summary>
    public required int Id { get; init; }

    /// <summary>Line of the cable's first segment.</summary>
    public required int Line { get; init; }

    /// <summary>Points in file order.</summary>
    public List<MorphMlPoint> Points { get; } = [];

    /// <summary>Id of the cable holding the parent of the first segment, or -1.</summary>
    public int ParentCableId { get; init; } = -1;

    /// <summary>Connection point on the parent cable (fractAlongParent, default 1); null until a &lt;cable&gt; element names it.</summary>
    public double? ParentX { get; set; }

    /// <summary>Groups (<c>meta:group</c>) of the &lt;cable&gt; element.</summary>
    public List<string> Groups { get; } = [];

    /// <summary>Section built from this cable (set while building sections).</summary>
    public MorphMlCable? Parent { get; set; }

    /// <summary>Connection point actually used (after removals of degenerate cables).</summary>
    public double ConnectX { get; set; }

    /// <summary>Import3d-style type from the groups: 1 soma, 2 axon, 3 dendrite, 4 apical dendrite, 0 unknown.</summary>
    public int Type
    {
        get
        {
            if (Groups.Contains("soma_group"))
            {
                return 1;
            }

            if (Groups.Contains("axon_group"))
            {
                return 2;
            }

            if (Groups.Any(g => g.Contains("apical", StringComparison.OrdinalIgnoreCase)))
            {
                return 4;
            }

            return Groups.Contains("dendrite_group") || Groups.Contains("basal_dendrite") ? 3 : 0;
        }
    }
}
