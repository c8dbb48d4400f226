using HybridLfp.Streaming.Numerics.Randomness;
using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Building;

/// <summary>The random stream for one (population, cell, purpose): the only way builders obtain randomness.</summary>
public static class PopulationSeeds
{
    /// <summary>The population's seed: its own <c>seed</c> if the recipe gives one, else the recipe seed.</summary>
    public static ulong SeedOf(RecipeDescription recipe, PopulationDescription population) => population.Seed ?? recipe.Seed;

    public static CounterRandom Stream(RecipeDescription recipe, PopulationDescription population, int cellIndex, DrawPurpose purpose) =>
        new(SeedOf(recipe, population), population.Name, cellIndex, purpose);
}
