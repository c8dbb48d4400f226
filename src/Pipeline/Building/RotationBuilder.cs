using HybridLfp.Streaming.Numerics.Randomness;
using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Building;

/// <summary>
/// Random rotation of a cell: for each axis in rand_rot_axis (in the order given, as hybridLFPy draws them) an angle
/// uniform in [0, 2π) rad from the stream (seed, population, cell, Rotation). Axes not listed are not rotated.
/// </summary>
public static class RotationBuilder
{
    public static RotationDescription Draw(RecipeDescription recipe, PopulationDescription population, int cellIndex)
    {
        var rng = PopulationSeeds.Stream(recipe, population, cellIndex, DrawPurpose.Rotation);
        double? x = null, y = null, z = null;
        foreach (var axis in population.RandomRotationAxes)
        {
            var angle = rng.NextDouble() * 2 * Math.PI;
            switch (axis)
            {
                case 'x':
                    x = angle;
                    break;
                case 'y':
                    y = angle;
                    break;
                case 'z':
                    z = angle;
                    break;
            }
        }

        return new RotationDescription(x, y, z);
    }
}
