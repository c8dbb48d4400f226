namespace HybridLfp.Streaming.Numerics.Morphology;

/// <summary>
/// One 3-D point of a section as NEURON stores it (<c>pt3dadd</c>): position and diameter in single precision,
/// because NEURON's <c>Pt3d</c> struct holds C <c>float</c>s. Keeping float here is what lets the geometry match
/// NEURON to round-off (NEURON-numerics.md, fact 1).
/// </summary>
/// <param name="X">x coordinate, µm.</param>
/// <param name="Y">y coordinate, µm.</param>
/// <param name="Z">z coordinate, µm.</param>
/// <param name="Diameter">diameter, µm.</param>
public readonly record struct Pt3dPoint(float X, float Y, float Z, float Diameter)
{
    /// <summary>Rounds double-precision values to float32 as NEURON's pt3dadd does.</summary>
    public static Pt3dPoint FromDouble(double x, double y, double z, double diameter) =>
        new((float)x, (float)y, (float)z, (float)diameter);
}
