using HybridLfp.Streaming.Numerics.Morphology.MorphMl;

namespace HybridLfp.Streaming.Numerics.Morphology;

/// <summary>
/// Reads a NeuroML v1 Level 1 (MorphML) cell (<c>.xml</c>, <c>.nml</c>) into the sections NEURON 8.2.2's Import3d
/// (<c>Import3d_MorphML</c> + <c>Import3d_GUI.instantiate</c>, as LFPy calls them) creates: one section per cable in
/// cable order, its points the segments' proximal/distal points, connected to the parent cable at fractAlongParent
/// (default 1), float32 after Import3d's <c>%.8g</c>. Names follow the cables' groups (<c>soma[i]</c>,
/// <c>axon[i]</c>, <c>dend[i]</c>, <c>apic[i]</c>) where NEURON itself names every section <c>dend_0[i]</c>; see
/// <see cref="MorphMl.Import3dMorphMlSections"/> and <see cref="MorphMl.MorphMlParser"/>.
/// </summary>
public static class MorphMlMorphologyReader
{
    /// <summary>Parses MorphML text; <paramref name="sourceName"/> names the input in error messages.</summary>
    /// <exception cref="InputException">malformed XML or MorphML, with file and line.</exception>
    public static MorphologyDescription Read(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        var cables = MorphMlParser.Parse(text, sourceName);
        return Import3dMorphMlSections.Build(cables, sourceName);
    }
}
