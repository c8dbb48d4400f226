namespace HybridLfp.Streaming.Numerics.Discretization;

/// <summary>
/// One section's pt3d points after NEURON's <c>define_shape</c> (float32 coordinates, µm) with the arc lengths NEURON
/// computed when the points were added (double, µm; NEURON-numerics.md facts 1–2).
/// </summary>
internal sealed class ShapedSection
{
    public required float[] X { get; init; }
    public required float[] Y { get; init; }
    public required float[] Z { get; init; }
    public required float[] Diameter { get; init; }

    /// <summary>Cumulative arc length at each point, µm (arc[0] = 0).</summary>
    public required double[] Arc { get; init; }

    /// <summary>Section length L = last arc, µm.</summary>
    public double LengthUm => Arc[^1];

    public int PointCount => X.Length;
}
