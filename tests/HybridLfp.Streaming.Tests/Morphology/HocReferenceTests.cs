using HybridLfp.Streaming.Numerics.Morphology;
using HybridLfp.Streaming.Tests.Support;

namespace HybridLfp.Streaming.Tests.Morphology;

/// <summary>
/// L5_Mainen96_LFPy.hoc (points read with fscan from the data block after the code) versus NEURON's sections in
/// the mainen_l5_multisyn case.
/// </summary>
public sealed class HocReferenceTests
{
    [Fact]
    public void MainenL5TopologyAndPointsEqualNeuron()
    {
        using var reference = ReferenceCase.OpenCase("mainen_l5_multisyn");
        var text = reference.Inputs.GetProperty("morphology").GetProperty("hoc_text").GetString()!;
        var expected = NeuronSectionView.FromCase(reference);

        var morphology = HocMorphologyReader.Read(text, "L5_Mainen96_LFPy.hoc");

        Assert.Equal(164, morphology.Sections.Length);
        NeuronSectionView.AssertTopology(expected, morphology);

        var unmoved = 0;
        for (var i = 0; i < expected.Count; i++)
        {
            var section = morphology.Sections[i];
            var neuron = expected[i];

            // Arc lengths are computed by pt3dadd before define_shape (fact 2), so they come from the raw points.
            Assert.Equal(neuron.Arc3d, NeuronSectionView.ArcLengths(section.Points));

            if (section.IsRoot)
            {
                NeuronSectionView.AssertPointsEqual(neuron.Pt3d, section.Points, section.Name);
                unmoved++;
                continue;
            }

            // define_shape (nrn_define_shape / nrn_translate_shape, fact 2) translates every child so that its first
            // point lands on the parent's connection point: the float linear interpolation between the parent's
            // first and last (already translated) points at parent_x; the offset is a float difference added to
            // every point in float. Replaying that translation on our raw points must give NEURON's points exactly.
            var parent = expected[section.ParentIndex].Pt3d;
            var arc1 = expected[section.ParentIndex].ChildX == 0 ? section.ParentX : 1 - section.ParentX;
            var last = parent.Length - 1;
            var target = new float[3];
            for (var c = 0; c < 3; c++)
            {
                target[c] = (float)(parent[last][c] * arc1 + parent[0][c] * (1 - arc1));
            }

            var first = section.Points[0];
            var dx = target[0] - first.X;
            var dy = target[1] - first.Y;
            var dz = target[2] - first.Z;
            if (dx == 0 && dy == 0 && dz == 0)
            {
                unmoved++;
            }

            var translated = section.Points
                .Select(p => new Pt3dPoint(p.X + dx, p.Y + dy, p.Z + dz, p.Diameter))
                .ToList();
            NeuronSectionView.AssertPointsEqual(neuron.Pt3d, translated, section.Name);
        }

        // In this file only the soma sits where NEURON leaves it: dend*[0] and apic[0] start away from the soma's
        // middle and everything hangs from them.
        Assert.Equal(1, unmoved);
    }
}
