using System.Collections.Immutable;
using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Run;

/// <summary>
/// The fixed decomposition of a recipe into cell batches: populations in recipe order, each cut into batches of
/// <see cref="RecipeDescription.BatchSize"/> cells in cell-index order (the last one may be smaller). Depends on the
/// recipe only, never on threads or ranks, which is what makes the batch-order sums reproducible.
/// </summary>
public static class BatchPlan
{
    public static ImmutableArray<BatchSlot> Create(RecipeDescription recipe)
    {
        var slots = ImmutableArray.CreateBuilder<BatchSlot>();
        for (var y = 0; y < recipe.Populations.Length; y++)
        {
            var n = recipe.Populations[y].CellCount;
            for (var first = 0; first < n; first += recipe.BatchSize)
            {
                slots.Add(new BatchSlot(slots.Count, y, first, Math.Min(recipe.BatchSize, n - first)));
            }
        }

        return slots.ToImmutable();
    }
}
