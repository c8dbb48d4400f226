namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>
/// Multi-dipole measurements (LFPy's <c>get_dipole_potential_from_multi_dipoles</c>): a cell represented by many
/// current dipoles p_k (nA·µm) at locations r_k (µm), typically one per axial current (LFPy's
/// <c>Cell.get_multi_current_dipole_moments</c>: p = I_axial · displacement, located at the middle of the
/// displacement), gives Y = Σ_k M(r_k) · p_k for any dipole model. The combined matrix maps the stacked moments
/// [p_1x, p_1y, p_1z, p_2x, …] (3·n_dipoles inputs) to the model's outputs, so it streams like any other probe.
/// Computing the axial currents themselves belongs to the cell simulation.
/// </summary>
public static class MultiDipolePotential
{
    /// <summary>M (model.OutputCount × 3·locations.Count): column 3k + a is component a of dipole k.</summary>
    public static TransformationMatrix GetTransformationMatrix(IDipoleModel model, IReadOnlyList<Vec3> dipoleLocationsUm)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(dipoleLocationsUm, "dipole_locations");
        var rows = model.OutputCount;
        var columns = 3 * dipoleLocationsUm.Count;
        var values = new double[rows * columns];
        for (var k = 0; k < dipoleLocationsUm.Count; k++)
        {
            var m = model.GetTransformationMatrix(dipoleLocationsUm[k]);
            for (var r = 0; r < rows; r++)
            {
                for (var a = 0; a < 3; a++)
                {
                    values[r * columns + 3 * k + a] = m[r, a];
                }
            }
        }

        return new TransformationMatrix(rows, columns, values);
    }

    /// <summary>Y [outputs][n_t] for moments [n_dipoles][3][n_t] (nA·µm) at the given locations (µm).</summary>
    public static double[][] GetPotential(IDipoleModel model, IReadOnlyList<Vec3> dipoleLocationsUm, IReadOnlyList<double[][]> multiDipoles)
    {
        ArgumentNullException.ThrowIfNull(multiDipoles, "multi_dipoles");
        if (multiDipoles.Count != dipoleLocationsUm.Count)
        {
            throw new ArgumentException($"{multiDipoles.Count} dipoles given for {dipoleLocationsUm.Count} locations.", "multi_dipoles");
        }

        var stacked = new double[3 * multiDipoles.Count][];
        for (var k = 0; k < multiDipoles.Count; k++)
        {
            if (multiDipoles[k].Length != 3)
            {
                throw new ArgumentException($"multi_dipoles[{k}] must have 3 rows (x, y, z).", "multi_dipoles");
            }

            for (var a = 0; a < 3; a++)
            {
                stacked[3 * k + a] = multiDipoles[k][a];
            }
        }

        return GetTransformationMatrix(model, dipoleLocationsUm).Apply(stacked);
    }
}
