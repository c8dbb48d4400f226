namespace HybridLfp.Streaming.Numerics.Cells;

/// <summary>A point in space, µm.</summary>
/// <param name="X">x, µm.</param>
/// <param name="Y">y, µm.</param>
/// <param name="Z">z, µm.</param>
public readonly record struct Position3(double X, double Y, double Z);
