namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>
/// A forward model over a current dipole (LFPykit's <c>eegmegcalc</c> models): a linear map <c>Y = M·P</c> from the
/// current dipole moment P (nA·µm, rows x, y, z) placed at a location to a measurement Y. M has 3 columns; the unit of
/// Y and the meaning of its rows are stated by each implementation (vector outputs such as the magnetic field H
/// occupy 3 consecutive rows per sensor).
/// </summary>
public interface IDipoleModel
{
    /// <summary>Number of measurement rows the model produces.</summary>
    int OutputCount { get; }

    /// <summary>The transformation matrix M (OutputCount × 3) for a dipole at <paramref name="dipoleLocationUm"/> (µm).</summary>
    TransformationMatrix GetTransformationMatrix(Vec3 dipoleLocationUm);
}
