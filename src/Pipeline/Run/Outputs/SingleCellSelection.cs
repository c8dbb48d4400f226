using System.Collections.Immutable;
using HybridLfp.Streaming.Numerics.Randomness;
using HybridLfp.Streaming.Pipeline.Building;
using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Run.Outputs;

/// <summary>
/// Which cells keep their own signals (hybridLFPy's <c>recordSingleContribFrac</c>, our <c>single_cell_fraction</c>):
/// per population, round(fraction · N) distinct cells (round half to even, as Python's <c>round</c>), drawn without
/// replacement by a partial Fisher–Yates shuffle of 0 … N−1 from the population's counter-based stream
/// (seed, population name, cell 0, <see cref="DrawPurpose.SingleCellSelection"/>), returned in ascending order.
/// A pure function of the recipe: the same set for any thread or rank count.
/// </summary>
public static class SingleCellSelection
{
    /// <summary>The kept cells of <paramref name="population"/>, ascending (empty when the fraction is 0).</summary>
    public static ImmutableArray<int> Choose(RecipeDescription recipe, PopulationDescription population)
    {
        var n = population.CellCount;
        var k = (int)Math.Round(recipe.SingleCellFraction * n, MidpointRounding.ToEven);
        if (k <= 0 || n <= 0)
        {
            return [];
        }

        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var random = PopulationSeeds.Stream(recipe, population, 0, DrawPurpose.SingleCellSelection);
        for (var i = 0; i < k; i++)
        {
            var j = i + (int)random.NextIndex(n - i);
            (order[i], order[j]) = (order[j], order[i]);
        }

        Array.Sort(order, 0, k);
        return [.. order.AsSpan(0, k)];
    }

    /// <summary><see cref="Choose"/> for every population of the recipe, in recipe order.</summary>
    public static ImmutableArray<ImmutableArray<int>> ChooseAll(RecipeDescription recipe) =>
        [.. recipe.Populations.Select(y => Choose(recipe, y))];
}
