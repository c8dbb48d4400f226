using HybridLfp.Streaming.Numerics;
using HybridLfp.Streaming.Numerics.Randomness;
using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Building;

/// <summary>
/// Draws soma positions uniformly in the population's cylinder (|(x, y)| ≤ radius, z_min ≤ z ≤ z_max), with the
/// radial distance at least min_r(z) (linear interpolation of the profile, clamped at its ends like np.interp) and
/// every two somata at least min_cell_interdist apart.
/// <para>
/// How this differs from hybridLFPy's <c>draw_rand_pos</c>: hybridLFPy draws all N positions from the global numpy
/// RNG, then repeatedly redraws every cell that violates a constraint (both cells of a too-close pair), so a
/// position depends on the whole population and on the RNG state. Here cell i's candidates are the stream
/// (seed, population, i, SomaPosition) and cell i is accepted against cells 0 … i−1 only (rejection in
/// cell-index order): the result is a pure function of the recipe, identical on every rank and thread, and adding
/// cells at the end never moves earlier ones. The distribution is the same (uniform on the allowed region up to
/// the hard-core exclusion).
/// </para>
/// </summary>
public static class SomaPlacementBuilder
{
    /// <summary>Candidates tried per cell before giving up (the region is then too small for N cells).</summary>
    public const int MaxAttemptsPerCell = 100_000;

    /// <summary>Positions of all cells of <paramref name="population"/>, µm, in cell-index order.</summary>
    public static Point3[] Place(RecipeDescription recipe, PopulationDescription population)
    {
        var p = population.Placement;
        var n = population.CellCount;
        var result = new Point3[n];
        var minDistance = p.MinCellInterdistUm;
        var grid = new SpatialHash(Math.Max(minDistance, 1e-9));
        for (var i = 0; i < n; i++)
        {
            var rng = PopulationSeeds.Stream(recipe, population, i, DrawPurpose.SomaPosition);
            var placed = false;
            for (var attempt = 0; attempt < MaxAttemptsPerCell && !placed; attempt++)
            {
                var x = (rng.NextDouble() - 0.5) * 2 * p.RadiusUm;
                var y = (rng.NextDouble() - 0.5) * 2 * p.RadiusUm;
                var z = p.ZMinUm + (rng.NextDouble() * (p.ZMaxUm - p.ZMinUm));
                var r = Math.Sqrt((x * x) + (y * y));
                if (r > p.RadiusUm || r < MinRadius(p, z))
                {
                    continue;
                }

                var candidate = new Point3(x, y, z);
                if (minDistance > 0 && grid.AnyWithin(candidate, minDistance, result))
                {
                    continue;
                }

                result[i] = candidate;
                grid.Add(candidate, i);
                placed = true;
            }

            if (!placed)
            {
                throw new InputException($"populations.{population.Name}.placement",
                    $"could not place cell {i} of {n} after {MaxAttemptsPerCell} attempts: the cylinder (radius {p.RadiusUm} µm, z {p.ZMinUm}…{p.ZMaxUm} µm) " +
                    $"is too small for {n} cells {minDistance} µm apart outside min_r");
            }
        }

        return result;
    }

    /// <summary>min_r(z), µm: piecewise linear through the profile, constant beyond its ends (np.interp).</summary>
    public static double MinRadius(PlacementDescription p, double z)
    {
        var zs = p.MinRZUm;
        var rs = p.MinRUm;
        if (zs.Length == 0)
        {
            return 0;
        }

        if (z <= zs[0])
        {
            return rs[0];
        }

        for (var k = 1; k < zs.Length; k++)
        {
            if (z <= zs[k])
            {
                var f = (z - zs[k - 1]) / (zs[k] - zs[k - 1]);
                return rs[k - 1] + (f * (rs[k] - rs[k - 1]));
            }
        }

        return rs[^1];
    }

    /// <summary>Uniform grid of cell size ≥ the exclusion distance: neighbours are in the 27 surrounding cells.</summary>
    private sealed class SpatialHash(double cellSize)
    {
        private readonly Dictionary<(long, long, long), List<int>> _cells = [];

        public void Add(Point3 p, int index)
        {
            var key = Key(p);
            if (!_cells.TryGetValue(key, out var list))
            {
                _cells[key] = list = [];
            }

            list.Add(index);
        }

        public bool AnyWithin(Point3 p, double distance, Point3[] points)
        {
            var (kx, ky, kz) = Key(p);
            var d2 = distance * distance;
            for (var dx = -1; dx <= 1; dx++)
            {
                for (var dy = -1; dy <= 1; dy++)
                {
                    for (var dz = -1; dz <= 1; dz++)
                    {
                        if (!_cells.TryGetValue((kx + dx, ky + dy, kz + dz), out var list))
                        {
                            continue;
                        }

                        foreach (var j in list)
                        {
                            var q = points[j];
                            var ex = q.X - p.X;
                            var ey = q.Y - p.Y;
                            var ez = q.Z - p.Z;
                            if ((ex * ex) + (ey * ey) + (ez * ez) < d2)
                            {
                                return true;
                            }
                        }
                    }
                }
            }

            return false;
        }

        private (long, long, long) Key(Point3 p) =>
            ((long)Math.Floor(p.X / cellSize), (long)Math.Floor(p.Y / cellSize), (long)Math.Floor(p.Z / cellSize));
    }
}
