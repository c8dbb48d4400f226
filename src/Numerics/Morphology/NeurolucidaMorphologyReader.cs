using HybridLfp.Streaming.Numerics.Morphology.Neurolucida;

namespace HybridLfp.Streaming.Numerics.Morphology;

/// <summary>
/// Reads Neurolucida V3 text (<c>.asc</c>) into the sections NEURON 8.2.2's Import3d (<c>Import3d_Neurolucida3</c> +
/// <c>Import3d_GUI.instantiate</c>, as LFPy calls them) creates: the soma contour becomes a centroid line of 21
/// points with diameters from the contour's width; each branch of a tree becomes a section (<c>axon[i]</c>,
/// <c>dend[i]</c>, <c>apic[i]</c>; depth-first, children in file order; a child starts with a copy of its parent's
/// last point); trees are wired to soma(0.5) with the contour centre as logical connection point; points are
/// float32 after Import3d's <c>%.8g</c>. Markers, spines, colours, names, branch-end labels (<c>Normal</c>,
/// <c>Incomplete</c>, …), text labels, sets and non-soma contours are parsed and ignored. See
/// <see cref="Neurolucida.AscParser"/>, <see cref="Neurolucida.Import3dNeurolucidaSections"/> and
/// <see cref="Neurolucida.Import3dContourCentroid"/> for the rules.
/// </summary>
public static class NeurolucidaMorphologyReader
{
    /// <summary>Parses Neurolucida V3 text; <paramref name="sourceName"/> names the input in error messages.</summary>
    /// <exception cref="InputException">malformed text (file, line and what was expected) or an unsupported soma.</exception>
    public static MorphologyDescription Read(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        var sections = AscParser.Parse(text, sourceName);
        return Import3dNeurolucidaSections.Build(sections, sourceName);
    }
}
