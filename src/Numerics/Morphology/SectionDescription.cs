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
}
