using System.Collections.Immutable;

namespace HybridLfp.Streaming.Numerics.Morphology.MorphMl;

/// <summary>
/// Turns MorphML cables into sections as NEURON 8.2.2's <c>Import3d_MorphML.parsed</c> and
/// <c>Import3d_GUI.instantiate</c> do: one section per cable, in cable order, with all the cable's points (no copy
/// of the parent's point is added: a cable starts where its first segment's proximal point is); parent = the cable
/// of the first segment's parent at <c>fractAlongParent</c> (default 1); <c>chk_valid</c> removes non-root sections
/// with one point or two coincident points (children move to the removed section's parent and connection point); a
/// one-point root becomes a 3-point cylinder along x; values pass through <c>%.8g</c> into float32 pt3d.
/// <para>Names. NEURON 8.2.2's Import3d_MorphML sets no section type, so NEURON itself names every section
/// <c>dend_0[i]</c> (i = cable index). Here a cable is named after its <c>meta:group</c>s — <c>soma_group</c> →
/// <c>soma[i]</c>, <c>axon_group</c> → <c>axon[i]</c>, a group containing "apical" → <c>apic[i]</c>,
/// <c>dendrite_group</c>/<c>basal_dendrite</c> → <c>dend[i]</c>, none of these → <c>dend_0[i]</c> — numbered per
/// name in cable order, while the section order stays NEURON's (cable order), so segment indices match LFPy's.</para>
/// </summary>
internal static class Import3dMorphMlSections
{
    public static MorphologyDescription Build(List<MorphMlCable> cables, string sourceName)
    {
        var byId = cables.ToDictionary(c => c.Id);
        foreach (var cable in cables)
        {
            if (cable.ParentCableId < 0)
            {
                continue;
            }

            cable.Parent = byId[cable.ParentCableId];
            cable.ConnectX = cable.ParentX
                ?? throw new InputException(
                    sourceName,
                    $"cable {cable.Id} has a parent but no <cable id=\"{cable.Id}\"> element (expected one in <cables>; NEURON's Import3d would connect it at -1)",
                    cable.Line);
        }

        var roots = cables.Where(c => c.Parent is null).ToList();
        if (roots.Count != 1)
        {
            throw new InputException(
                sourceName,
                roots.Count == 0 ? "no segments" : $"{roots.Count} cables without a parent (cables {string.Join(", ", roots.Select(r => r.Id))}): expected a single tree",
                roots.Count > 1 ? roots[1].Line : 0);
        }

        var sections = new List<MorphMlCable>(cables);
        RemoveDegenerate(sections);

        var counts = new Dictionary<string, int>();
        var index = new Dictionary<MorphMlCable, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < sections.Count; i++)
        {
            index[sections[i]] = i;
        }

        var result = ImmutableArray.CreateBuilder<SectionDescription>(sections.Count);
        foreach (var sec in sections)
        {
            var baseName = Import3dSwcSections.TypeName(sec.Type);
            counts.TryGetValue(baseName, out var k);
            counts[baseName] = k + 1;
            var pts = sec.Points;
            result.Add(Import3dInstantiation.Section(
                $"{baseName}[{k}]",
                sec.Parent is null ? -1 : index[sec.Parent],
                sec.ConnectX,
                [.. pts.Select(p => p.X)],
                [.. pts.Select(p => p.Y)],
                [.. pts.Select(p => p.Z)],
                [.. pts.Select(p => p.Diameter)],
                droppedFirstPoint: null));
        }

        return new MorphologyDescription(result.MoveToImmutable(), sourceName);
    }

    private static void RemoveDegenerate(List<MorphMlCable> sections) =>
        Import3dValidity.RemoveDegenerate(
            sections,
            sec => sec.Points.Count,
            (sec, i) =>
            {
                var p = sec.Points[i];
                return (p.X, p.Y, p.Z);
            },
            sec => sec.Parent,
            (child, removed) => (child.Parent, child.ConnectX) = (removed.Parent, removed.ConnectX));
}
