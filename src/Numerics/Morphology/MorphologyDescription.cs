using System.Collections.Immutable;

namespace HybridLfp.Streaming.Numerics.Morphology;

/// <summary>
/// A neuron morphology as a list of sections in NEURON creation order (the order LFPy uses for segments). Every
/// section's parent comes before it only if the file defines it so; consumers must not assume topological order.
/// </summary>
/// <param name="Sections">sections in creation order.</param>
/// <param name="Source">where it came from (file path or a short description), for error messages.</param>
public sealed record MorphologyDescription(ImmutableArray<SectionDescription> Sections, string Source)
{
    /// <summary>Index of the section with this exact name, or -1.</summary>
    public int IndexOf(string name)
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
}
