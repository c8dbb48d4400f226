using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Building;

/// <summary>The minimum synaptic delay d_min of a recipe, which bounds the window length W ≤ d_min.</summary>
public static class DelayBounds
{
    /// <summary>
    /// d_min, ms: the recipe's <c>min_delay</c> if given; otherwise the smallest delay any connection can have
    /// (synDelayLoc for fixed delays, dt for drawn ones since a drawn delay can be as short as one step, and the
    /// smallest injected delay).
    /// </summary>
    public static double MinimumDelayMs(RecipeDescription recipe)
    {
        if (recipe.MinDelayMs is { } given)
        {
            return given;
        }

        var min = double.PositiveInfinity;
        foreach (var y in recipe.Populations)
        {
            if (y.Injected is { } injected)
            {
                foreach (var cell in injected.Cells)
                {
                    foreach (var perLayer in cell.Connections)
                    {
                        foreach (var group in perLayer)
                        {
                            foreach (var d in group.DelaysMs)
                            {
                                min = Math.Min(min, d);
                            }
                        }
                    }
                }

                continue;
            }

            for (var x = 0; x < y.Synapses.Length; x++)
            {
                var used = y.InDegrees.Any(row => x < row.Length && row[x] > 0);
                if (used)
                {
                    min = Math.Min(min, y.Synapses[x].DelayScaleMs is null ? y.Synapses[x].DelayLocMs : recipe.DtMs);
                }
            }
        }

        return double.IsPositiveInfinity(min) ? recipe.DtMs : min;
    }
}
