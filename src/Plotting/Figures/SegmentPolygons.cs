using HybridLfp.Streaming.Numerics.Geometry;

namespace HybridLfp.Streaming.Plotting.Figures;

/// <summary>Coordinate planes for morphology projections.</summary>
public enum Projection
{
    XZ,
    XY,
    YZ,
}

/// <summary>
/// Outline of every segment projected on a plane, as LFPy's <c>Cell.get_idx_polygons</c>: a quadrilateral around the
/// segment's start–end line, half a diameter to each side perpendicular to it (θ = atan2(Δv, Δu)): corners
/// (u0 − r sinθ, v0 + r cosθ), (u1 − r sinθ, v1 + r cosθ), (u1 + r sinθ, v1 − r cosθ), (u0 + r sinθ, v0 − r cosθ), µm.
/// </summary>
public static class SegmentPolygons
{
    public static IReadOnlyList<(double[] U, double[] V)> Create(CellGeometry geometry, Projection projection = Projection.XZ)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var (u0, u1, v0, v1) = projection switch
        {
            Projection.XZ => (geometry.XStart, geometry.XEnd, geometry.ZStart, geometry.ZEnd),
            Projection.XY => (geometry.XStart, geometry.XEnd, geometry.YStart, geometry.YEnd),
            _ => (geometry.YStart, geometry.YEnd, geometry.ZStart, geometry.ZEnd),
        };
        var result = new (double[], double[])[geometry.SegmentCount];
        for (var i = 0; i < result.Length; i++)
        {
            var theta = Math.Atan2(v1[i] - v0[i], u1[i] - u0[i]);
            var r = 0.5 * geometry.Diameter[i];
            var s = r * Math.Sin(theta);
            var c = r * Math.Cos(theta);
            result[i] = (
                [u0[i] - s, u1[i] - s, u1[i] + s, u0[i] + s],
                [v0[i] + c, v1[i] + c, v1[i] - c, v0[i] - c]);
        }

        return result;
    }
}
