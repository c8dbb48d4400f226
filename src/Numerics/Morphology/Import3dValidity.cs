namespace HybridLfp.Streaming.Numerics.Morphology;

/// <summary>
/// NEURON Import3d's <c>chk_valid</c>, shared by the SWC, Neurolucida and MorphML readers: a non-root section with at
/// most one point of its own, or exactly two coincident ones, is removed, and its children are re-attached to its
/// parent at its own attachment point. Sections are visited from the last to the first, as Import3d does.
/// </summary>
internal static class Import3dValidity
{
    /// <param name="sections">sections in Import3d order (parents before children); edited in place.</param>
    /// <param name="ownPointCount">a section's number of points after any copied connection point.</param>
    /// <param name="ownPoint">(section, i): its i-th such point (x, y, z), µm.</param>
    /// <param name="parentOf">a section's parent, null for the root.</param>
    /// <param name="adopt">(child, removed): re-attach child where removed was attached.</param>
    public static void RemoveDegenerate<TSection>(List<TSection> sections, Func<TSection, int> ownPointCount,
        Func<TSection, int, (double X, double Y, double Z)> ownPoint,
        Func<TSection, TSection?> parentOf, Action<TSection, TSection> adopt)
        where TSection : class
    {
        for (var i = sections.Count - 1; i >= 0; i--)
        {
            var sec = sections[i];
            if (parentOf(sec) is null)
            {
                continue;
            }

            var count = ownPointCount(sec);
            var degenerate = count <= 1 || (count == 2 && ownPoint(sec, 0) == ownPoint(sec, 1));
            if (!degenerate)
            {
                continue;
            }

            sections.RemoveAt(i);
            for (var j = i; j < sections.Count; j++)
            {
                if (parentOf(sections[j]) == sec)
                {
                    adopt(sections[j], sec);
                }
            }
        }
    }
}
