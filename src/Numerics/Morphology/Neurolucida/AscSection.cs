namespace HybridLfp.Streaming.Numerics.Morphology.Neurolucida;

/// <summary>One point as the file gives it: position and diameter in µm (double, before NEURON's float32).</summary>
/// <param name="X">x, µm.</param>
/// <param name="Y">y, µm.</param>
/// <param name="Z">z, µm (0 when the file omits it).</param>
/// <param name="Diameter">diameter, µm (0 when the file omits it).</param>
/// <param name="Line">1-based line of the point in the file.</param>
internal readonly record struct AscPoint(double X, double Y, double Z, double Diameter, int Line);

/// <summary>
/// A section as Import3d_Neurolucida3 builds it (an <c>Import3d_Section</c>): a soma contour or one unbranched piece
/// of a tree, with its raw points. Mutable while Import3d's passes (connect to soma, removal of degenerate sections)
/// run over it.
/// </summary>
internal sealed class AscSection
{
    /// <summary>Raw points; for a child branch the first one may be a copy of the parent's last point.</summary>
    public required List<AscPoint> Points { get; init; }

    /// <summary>Import3d type: 1 soma contour, 2 axon, 3 dendrite, 4 apical, 0 a tree without one of those.</summary>
    public required int Type { get; init; }

    /// <summary>True for a soma contour (CellBody, Cell Body, Soma).</summary>
    public bool IsContour { get; init; }

    /// <summary>Parent section, or null for a root.</summary>
    public AscSection? Parent { get; set; }

    /// <summary>Connection point on the parent, 0..1.</summary>
    public double ParentX { get; set; } = 1;

    /// <summary>1 when raw point 0 is a logical connection point (a wire to the soma centre) and not a pt3d point.</summary>
    public int First { get; set; }

    /// <summary>Index of the tree in the file (0-based) for tree sections, -1 for contours.</summary>
    public int Tree { get; init; } = -1;

    /// <summary>Line of the section's first own point, for messages.</summary>
    public int Line { get; init; }

    /// <summary>Per-type index (the <c>i</c> of <c>dend[i]</c>), set when names are assigned.</summary>
    public int NameIndex { get; set; }
}
