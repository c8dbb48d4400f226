using HybridLfp.Streaming.Pipeline.Recipe;
using HybridLfp.Streaming.Pipeline.Run.Outputs;
using HybridLfp.Streaming.Tests.Pipeline;

namespace HybridLfp.Streaming.Tests.Outputs;

/// <summary>Which cells keep their own signals: count, range, determinism and uniformity of the seeded choice.</summary>
public sealed class SingleCellSelectionTests(HybridCaseFixture fixture) : IClassFixture<HybridCaseFixture>
{
    private PopulationDescription Ex => fixture.Recipe.Populations.Single(y => y.Name == "EX"); // 80 cells

    private PopulationDescription In => fixture.Recipe.Populations.Single(y => y.Name == "IN"); // 20 cells

    [Fact]
    public void Fraction_0_keeps_none_and_fraction_1_keeps_every_cell()
    {
        Assert.Equal(80, Ex.CellCount);
        Assert.Empty(SingleCellSelection.Choose(fixture.Recipe with { SingleCellFraction = 0 }, Ex));
        Assert.Equal(Enumerable.Range(0, 80), SingleCellSelection.Choose(fixture.Recipe with { SingleCellFraction = 1 }, Ex).ToArray());
    }

    [Theory]
    [InlineData(0.25, 80, 20)]
    [InlineData(0.3, 80, 24)]
    [InlineData(0.125, 20, 2)]  // 2.5 rounds half to even, as Python's round
    [InlineData(0.175, 20, 4)]  // 3.5 → 4
    [InlineData(0.02, 20, 0)]   // 0.4 → 0
    public void Keeps_round_fraction_times_N_distinct_cells_in_ascending_order(double fraction, int n, int expected)
    {
        var population = n == 80 ? Ex : In;
        var kept = SingleCellSelection.Choose(fixture.Recipe with { SingleCellFraction = fraction }, population);
        Assert.Equal(expected, kept.Length);
        Assert.Equal(kept.Distinct().Order().ToArray(), kept.ToArray());
        Assert.All(kept, k => Assert.InRange(k, 0, n - 1));
    }

    [Fact]
    public void The_choice_is_a_pure_function_of_seed_and_population()
    {
        var recipe = fixture.Recipe with { SingleCellFraction = 0.25 };
        // (Arrays: ImmutableArray's own Equals compares references.)
        var a = SingleCellSelection.Choose(recipe, Ex).ToArray();
        Assert.Equal(a, SingleCellSelection.Choose(recipe, Ex).ToArray());
        Assert.Equal(a, SingleCellSelection.ChooseAll(recipe)[fixture.Recipe.Populations.IndexOf(Ex)].ToArray());

        // Another seed or another population name draws another set (20 of 80: a repeat has probability ~1e-19).
        // The case's populations carry their own seed (hybridLFPy's POPULATIONSEED), which takes precedence over the recipe's.
        Assert.NotNull(Ex.Seed);
        Assert.NotEqual(a, SingleCellSelection.Choose(recipe, Ex with { Seed = Ex.Seed + 1 }).ToArray());
        Assert.NotEqual(a, SingleCellSelection.Choose(recipe with { Seed = 7 }, Ex with { Seed = null }).ToArray());
        Assert.Equal(a, SingleCellSelection.Choose(recipe with { Seed = recipe.Seed + 1 }, Ex).ToArray());
        Assert.NotEqual(a, SingleCellSelection.Choose(recipe, Ex with { Name = "EX2" }).ToArray());
    }

    [Fact]
    public void Every_cell_is_kept_equally_often_over_seeds()
    {
        // 4000 seeds, k = 5 of N = 20: each cell's count ~ Binomial(4000, 0.25): mean 1000, sd 27.4.
        // Bound at ±5 sd (137): a fair choice fails with probability < 20 · 6e-7; a biased one (e.g. always the
        // first cells) fails at once.
        var counts = new int[20];
        for (var seed = 0UL; seed < 4000; seed++)
        {
            foreach (var k in SingleCellSelection.Choose(fixture.Recipe with { SingleCellFraction = 0.25, Seed = seed }, In with { Seed = null }))
            {
                counts[k]++;
            }
        }

        Assert.Equal(4000 * 5, counts.Sum());
        Assert.All(counts, c => Assert.InRange(c, 1000 - 137, 1000 + 137));
    }
}
