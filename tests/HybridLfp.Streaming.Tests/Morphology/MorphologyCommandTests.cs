using System.Text.Json;
using HybridLfp.Streaming.Cli;
using HybridLfp.Streaming.Tests.Support;

namespace HybridLfp.Streaming.Tests.Morphology;

/// <summary>`hlfp morphology`: the JSON it writes for ex.swc equals NEURON's sections in swc_ex_lambdaf.</summary>
public sealed class MorphologyCommandTests
{
    [Fact]
    public async Task JsonOfExSwcEqualsNeuronSections()
    {
        var output = Path.Combine(Path.GetTempPath(), $"hlfp-morphology-{Guid.NewGuid():N}.json");
        try
        {
            var input = SharedPaths.Of("morphologies", "hybridLFPy-brunel", "ex.swc");
            var code = await Program.RunAsync(["morphology", input, "-o", output], TextWriter.Null, TextWriter.Null, CancellationToken.None);
            Assert.Equal(0, code);

            using var reference = ReferenceCase.OpenCase("swc_ex_lambdaf");
            Assert.Equal(
                File.ReadAllText(input).ReplaceLineEndings("\n").TrimEnd(),
                reference.Inputs.GetProperty("morphology").GetProperty("swc_text").GetString()!.ReplaceLineEndings("\n").TrimEnd());
            var expected = NeuronSectionView.FromCase(reference);
            using var written = JsonDocument.Parse(File.ReadAllText(output));
            var actual = NeuronSectionView.FromArray(written.RootElement.GetProperty("sections"), withArc: false);
            Assert.Equal(expected.Count, actual.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i] with { Arc3d = [] }, actual[i], NeuronSectionViewComparer.Instance);
            }
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Theory]
    [InlineData("C010398B-P2.asc", "soma[0]", 78)]
    [InlineData("C010398B-P2.xml", "soma[0]", 78)]
    public async Task ListsNeurolucidaAndMorphMlSections(string file, string first, int sections)
    {
        var input = SharedPaths.Of("morphologies", "LFPy", "markram", file);
        var stdout = new StringWriter();
        var code = await Program.RunAsync(["morphology", input], stdout, TextWriter.Null, CancellationToken.None);

        Assert.Equal(0, code);
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains($"{sections} sections", lines[0]);
        Assert.Equal(sections + 1, lines.Length);
        Assert.StartsWith(first, lines[1].Trim());
    }

    [Fact]
    public async Task MissingFileIsAOneLineError()
    {
        var stderr = new StringWriter();
        var code = await Program.RunAsync(["morphology", "/no/such/cell.swc"], TextWriter.Null, stderr, CancellationToken.None);
        Assert.Equal(2, code);
        Assert.Equal("hlfp morphology: error: /no/such/cell.swc: morphology file not found", stderr.ToString().Trim());
    }

    private sealed class NeuronSectionViewComparer : IEqualityComparer<NeuronSectionView>
    {
        public static readonly NeuronSectionViewComparer Instance = new();

        public bool Equals(NeuronSectionView? x, NeuronSectionView? y) =>
            x is not null && y is not null && x.Name == y.Name && x.Parent == y.Parent && x.ParentX == y.ParentX
            && x.ChildX == y.ChildX && x.Pt3d.Length == y.Pt3d.Length
            && x.Pt3d.Zip(y.Pt3d).All(p => p.First.SequenceEqual(p.Second));

        public int GetHashCode(NeuronSectionView obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
