using System.Globalization;
using System.Xml.Linq;
using HybridLfp.Streaming.Pipeline.Demo;
using HybridLfp.Streaming.Pipeline.Recipe;
using HybridLfp.Streaming.Tests.Support;

namespace HybridLfp.Streaming.Tests.Demo;

/// <summary>The demo's inputs, recipe and figure, each checked on its own.</summary>
public sealed class DemoPartsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hlfp-demo-parts-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void EmbeddedMorphologies_AreTheExampleFiles()
    {
        var (pyramidal, ball) = DemoInputs.WriteMorphologies(_dir);
        Assert.Equal(File.ReadAllBytes(Path.Combine(SharedPaths.RepoRoot, "examples", "morphologies", "pyramidal.hoc")), File.ReadAllBytes(pyramidal));
        Assert.Equal(File.ReadAllBytes(Path.Combine(SharedPaths.RepoRoot, "examples", "morphologies", "ball_and_stick.hoc")), File.ReadAllBytes(ball));
    }

    [Fact]
    public async Task PoissonSpikeFiles_AreSeeded_InRange_AndNearTheRate()
    {
        var options = new DemoOptions { TstopMs = 1000 };
        var (ex, inh, count) = await DemoInputs.WriteSpikesAsync(_dir, options);
        var again = Path.Combine(_dir, "again");
        var (ex2, _, count2) = await DemoInputs.WriteSpikesAsync(again, options);
        Assert.Equal(count, count2);
        Assert.Equal(File.ReadAllBytes(ex), File.ReadAllBytes(ex2));

        // Parsed independently: data lines are "sender<TAB>time_ms" after NEST 3's comment and column lines.
        static List<(long Id, double T)> Parse(string path) => File.ReadLines(path)
            .Select(l => l.Split('\t', ' '))
            .Where(f => f.Length == 2 && long.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(f => (long.Parse(f[0], CultureInfo.InvariantCulture), double.Parse(f[1], CultureInfo.InvariantCulture)))
            .ToList();
        var exSpikes = Parse(ex);
        var inSpikes = Parse(inh);
        Assert.Equal(count, exSpikes.Count + inSpikes.Count);
        Assert.All(exSpikes, s => Assert.InRange(s.Id, 1, 200));
        Assert.All(inSpikes, s => Assert.InRange(s.Id, 201, 250));
        Assert.All(exSpikes.Concat(inSpikes), s => Assert.InRange(s.T, 0, 1000));

        // Expected counts 200 · 10 Hz · 1 s = 2000 and 50 · 20 Hz · 1 s = 1000; Poisson sd = √mean, bounds at 5 sd.
        Assert.InRange(exSpikes.Count, 2000 - (5 * Math.Sqrt(2000)), 2000 + (5 * Math.Sqrt(2000)));
        Assert.InRange(inSpikes.Count, 1000 - (5 * Math.Sqrt(1000)), 1000 + (5 * Math.Sqrt(1000)));
    }

    [Fact]
    public async Task Recipe_IsValid_AndHasTheDemoShape()
    {
        var (pyramidal, ball) = DemoInputs.WriteMorphologies(_dir);
        var (ex, inh, _) = await DemoInputs.WriteSpikesAsync(_dir, new DemoOptions { TstopMs = 10 });
        var recipe = DemoRecipe.Create(new DemoOptions(), _dir, pyramidal, ball, ex, inh);
        var problems = RecipeValidator.Validate(recipe);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(["EX", "IN"], recipe.Populations.Select(y => y.Name));
        Assert.Equal([40, 10], recipe.Populations.Select(y => y.CellCount));
        Assert.All(recipe.Populations.SelectMany(y => y.Synapses), s => Assert.Equal(SynapseType.AlphaISyn, s.Type));
        Assert.Equal(["RecExtElectrode", "LaminarCurrentSourceDensity"], recipe.Probes.Select(p => p.Model));
        Assert.Equal(6, ((RecipeSequence)recipe.Probes[0].Parameters!.Get("z")!).Items.Length);
        Assert.Equal(500, recipe.TstopMs);
        Assert.DoesNotContain(recipe.Populations, y => y.Morphology.Path!.Contains("shared", StringComparison.Ordinal));
    }

    [Fact]
    public void LfpCsdFigure_HasBothPanels_SixTracesAndAnImage()
    {
        var t = Enumerable.Range(0, 50).Select(i => (double)i).ToArray();
        var z = DemoRecipe.ContactDepthsUm;
        var lfp = z.Select((_, c) => t.Select(x => Math.Sin((x / 5) + c) * 1e-3).ToArray()).ToArray();
        var svg = LfpCsdFigure.Create(t, z, lfp, z, lfp).Root!;
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Name);
        var panels = svg.Elements(ns + "svg").ToList();
        Assert.Equal(2, panels.Count);
        Assert.Equal(7, panels[0].Descendants(ns + "g").Count(g => (string?)g.Attribute("class") == "series line")); // 6 contacts + scale bar
        Assert.Single(panels[1].Descendants(ns + "g"), g => (string?)g.Attribute("class") == "series image");
        var ids = svg.Descendants().Attributes("id").Select(a => a.Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
