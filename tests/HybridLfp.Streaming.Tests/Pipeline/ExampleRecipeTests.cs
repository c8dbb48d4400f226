using HybridLfp.Streaming.Pipeline.Building;
using HybridLfp.Streaming.Pipeline.Recipe;
using HybridLfp.Streaming.Pipeline.Run;
using HybridLfp.Streaming.Tests.Support;

namespace HybridLfp.Streaming.Tests.Pipeline;

public sealed class ExampleRecipeTests
{
    [Fact]
    public void The_brunel_example_recipe_loads_with_the_timings_md_parameters()
    {
        var recipe = RecipeLoader.LoadFile(Path.Combine(SharedPaths.RepoRoot, "examples", "brunel", "brunel.yaml"));
        Assert.Equal(SharedPaths.Of("morphologies", "hybridLFPy-brunel", "ex.swc"), recipe.Populations[0].Morphology.Path);
        Assert.Equal(SharedPaths.Of("data", "hybridLFPy-brunel-order50", "brunel-py-IN-0.gdf"), recipe.Network[1].Source.Files.Single());
        Assert.Equal([200, 50], recipe.Populations.Select(p => p.CellCount));
        Assert.Equal(-1.2408093146207075, recipe.Populations[1].Synapses[1].Weight); // J_IN = −6·J_EX as hybridLFPy computed it
        Assert.Equal(1.5, DelayBounds.MinimumDelayMs(recipe));
        Assert.Equal([7, 2], BatchPlan.Create(recipe).GroupBy(s => s.PopulationIndex).Select(g => g.Count()));
        Assert.Equal(6, ((RecipeSequence)recipe.Probes[0].Parameters!.Get("z")!).Items.Length);

        // Somata of the example are placeable and obey the cylinder.
        var positions = SomaPlacementBuilder.Place(recipe, recipe.Populations[0]);
        Assert.Equal(200, positions.Length);
        Assert.All(positions, p => Assert.InRange(p.Z, -450, -350));
    }
}
