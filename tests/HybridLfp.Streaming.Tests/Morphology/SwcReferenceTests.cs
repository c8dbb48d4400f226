using HybridLfp.Streaming.Numerics.Morphology;
using HybridLfp.Streaming.Tests.Support;

namespace HybridLfp.Streaming.Tests.Morphology;

/// <summary>
/// SWC through our reader versus NEURON's own Import3d result recorded in the reference cases. Import3d sections of
/// these files have no wires, and every child's first point already equals the parent's connection point, so
/// define_shape moves nothing: the raw points must equal NEURON's pt3d bit for bit, and the arc lengths computed
/// from them (fact 1) must equal NEURON's arc3d bit for bit.
/// </summary>
public sealed class SwcReferenceTests
{
    [Theory]
    [InlineData("swc_ex_lambdaf")]
    [InlineData("swc_in_lambdaf")]
    public void SectionsEqualNeuronImport3d(string caseName)
    {
        using var reference = ReferenceCase.OpenCase(caseName);
        var text = reference.Inputs.GetProperty("morphology").GetProperty("swc_text").GetString()!;
        var expected = NeuronSectionView.FromCase(reference);

        AssertEqualsNeuron(expected, SwcMorphologyReader.Read(text, caseName + ".swc"));
    }

    [Fact]
    public void HybridPopulationSectionsEqualNeuronImport3d()
    {
        // one test for both populations: the case file is large (11 MB) and read once
        using var reference = ReferenceCase.OpenCase("hybrid_brunel_injected_public");
        var populations = reference.Inputs.GetProperty("populations");
        Assert.Equal(["EX", "IN"], populations.EnumerateObject().Select(p => p.Name));
        foreach (var population in populations.EnumerateObject())
        {
            var text = population.Value.GetProperty("morphology").GetProperty("swc_text").GetString()!;
            var expected = NeuronSectionView.FromArray(population.Value.GetProperty("sections"));
            AssertEqualsNeuron(expected, SwcMorphologyReader.Read(text, population.Name + ".swc"));
        }
    }

    private static void AssertEqualsNeuron(List<NeuronSectionView> expected, MorphologyDescription morphology)
    {
        NeuronSectionView.AssertTopology(expected, morphology);
        for (var i = 0; i < expected.Count; i++)
        {
            var section = morphology.Sections[i];
            Assert.Null(section.LogicalConnection);
            NeuronSectionView.AssertPointsEqual(expected[i].Pt3d, section.Points, section.Name);
            Assert.Equal(expected[i].Arc3d, NeuronSectionView.ArcLengths(section.Points));
        }
    }
}
