using System.Collections.Immutable;
using HybridLfp.Streaming.Numerics.Randomness;
using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Building;

/// <summary>
/// Everything random about one cell: its draws are either taken from the recipe's injected values or drawn from
/// the cell's own streams (seed, population, cell index, purpose), so any rank or thread building cell i gets the
/// same cell. Soma positions are per population (see <see cref="SomaPlacementBuilder"/>) and passed in.
/// </summary>
public static class CellDrawsBuilder
{
    /// <param name="recipe">the recipe.</param>
    /// <param name="population">the population y.</param>
    /// <param name="cellIndex">cell index in y.</param>
    /// <param name="segments">the population's discretized morphology (untransformed); may be null when y is injected.</param>
    /// <param name="somaPositionsUm">positions of all cells of y from <see cref="SomaPlacementBuilder.Place"/>
    /// (ignored when y is injected).</param>
    public static CellDrawsDescription Build(RecipeDescription recipe, PopulationDescription population, int cellIndex,
        ICellSegments? segments, IReadOnlyList<Point3>? somaPositionsUm)
    {
        if (population.Injected is { } injected)
        {
            return injected.Cells[cellIndex];
        }

        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(somaPositionsUm);
        var soma = somaPositionsUm[cellIndex];
        var rotation = RotationBuilder.Draw(recipe, population, cellIndex);
        var transform = new CellTransform(segments.SomaPosition, soma, rotation);
        var segmentRng = PopulationSeeds.Stream(recipe, population, cellIndex, DrawPurpose.SynapseSegments);
        var gidRng = PopulationSeeds.Stream(recipe, population, cellIndex, DrawPurpose.PresynapticGids);
        var delayRng = PopulationSeeds.Stream(recipe, population, cellIndex, DrawPurpose.Delays);
        var minDelay = recipe.MinDelayMs ?? recipe.DtMs;
        var perX = ImmutableArray.CreateBuilder<ImmutableArray<InjectedConnectionsDescription>>(recipe.Network.Length);
        for (var x = 0; x < recipe.Network.Length; x++)
        {
            var synapses = population.Synapses[x];
            var perLayer = ImmutableArray.CreateBuilder<InjectedConnectionsDescription>(population.Layers.Length);
            for (var l = 0; l < population.Layers.Length; l++)
            {
                var k = population.InDegrees[l][x];
                var idx = new int[k];
                var gids = new long[k];
                var delays = new double[k];
                if (k > 0)
                {
                    var sampler = new SynapseSegmentSampler(segments, transform, synapses.SectionPatterns, population.Layers[l]);
                    sampler.Sample(ref segmentRng, idx,
                        $"populations.{population.Name} cell {cellIndex}, synapses from {recipe.Network[x].Name} in layer {l}");
                    PresynapticGidSampler.Sample(ref gidRng, recipe.Network[x], recipe.PresynapticSampling, gids);
                    DelaySampler.Sample(ref delayRng, synapses, recipe.DtMs, minDelay, delays);
                }

                perLayer.Add(new InjectedConnectionsDescription([.. idx], [.. gids], [.. delays]));
            }

            perX.Add(perLayer.MoveToImmutable());
        }

        return new CellDrawsDescription
        {
            CellIndex = cellIndex,
            SomaPositionUm = soma,
            Rotation = rotation,
            Connections = perX.MoveToImmutable(),
        };
    }
}
