using System.Collections.Immutable;

namespace HybridLfp.Streaming.Numerics.Morphology;

/// <summary>
/// One unbranched cable (NEURON section) as a morphology reader produces it: points as given by the file, before
/// NEURON's <c>define_shape</c> moves children onto their parents.
/// </summary>
/// <param name="Name">NEURON name, e.g. <c>soma[0]</c>, <c>dend[12]</c>, <c>apic</c>.</param>
/// <param name="ParentIndex">index of the parent in <see cref="MorphologyDescription.Sections"/>; -1 for the root.</param>
/// <param name="ParentX">connection point on the parent, 0..1 (NaN for the root).</param>
/// <param name="ChildX">end of this section that connects to the parent, 0 or 1 (0 for the root).</param>
/// <param name="Points">pt3d points (float32, µm) in the order they were added.</param>
public sealed record SectionDescription(
    string Name,
    int ParentIndex,
    double ParentX,
    double ChildX,
    ImmutableArray<Pt3dPoint> Points)
{
    /// <summary>True for the root section (no parent).</summary>
    public bool IsRoot => ParentIndex < 0;

    /// <summary>
    /// NEURON's "logical connection point" (<c>pt3dstyle(1, x, y, z)</c>, µm, float32 as NEURON stores it), or null
    /// for the classical style. It changes what <c>define_shape</c> does with this section: instead of moving the
    /// section's first pt3d point onto the parent's connection point, it moves the whole section by
    /// (parent point − logical point), i.e. the logical point lands on the parent and the first pt3d point keeps its
    /// offset from it (a "wire" to the soma). NEURON then overwrites the logical point with the parent point.
    /// Set by Import3d for neurites wired to a soma centre and by CellBuilder-exported hoc files.
    /// </summary>
    public LogicalConnectionPoint? LogicalConnection { get; init; }

    /// <summary>
    /// <c>nseg</c> the file assigned to this section (hoc <c>nseg = …</c>), or null if it did not. LFPy replaces it
    /// whenever a discretization rule (lambda_f, fixed_length, per-section values) is given; it only matters for
    /// LFPy's <c>nsegs_method=None</c>.
    /// </summary>
    public int? FileNseg { get; init; }
}

/// <summary>A logical connection point (NEURON <c>pt3dstyle</c>), float32 as NEURON's <c>Pt3d</c> struct holds it.</summary>
/// <param name="X">x, µm.</param>
/// <param name="Y">y, µm.</param>
/// <param name="Z">z, µm.</param>
public readonly record struct LogicalConnectionPoint(float X, float Y, float Z);
