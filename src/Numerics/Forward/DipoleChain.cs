using HybridLfp.Streaming.Numerics.Geometry;

namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>
/// Chains a dipole model after the current dipole moment: M = M_dipole(location) · M_cdm(cell), so the measurement
/// (e.g. four-sphere EEG, mV) is projected straight from the membrane currents (nA) in one pass. Exact by linearity.
/// </summary>
public static class DipoleChain
{
    /// <summary>The combined matrix (model.OutputCount × cell.SegmentCount) for a dipole at <paramref name="dipoleLocationUm"/>.</summary>
    public static TransformationMatrix Compose(IDipoleModel model, Vec3 dipoleLocationUm, CellGeometry cell) =>
        model.GetTransformationMatrix(dipoleLocationUm).Multiply(new CurrentDipoleMoment().GetTransformationMatrix(cell));
}
