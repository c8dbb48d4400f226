namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>
/// Rotation angles about the soma, radians; null = no rotation about that axis. Applied x first, then y, then z
/// (right-handed: v' = R_z(z)·R_y(y)·R_x(x)·v, LFPy <c>set_rotation</c>).
/// </summary>
public readonly record struct RotationDescription(double? XRad, double? YRad, double? ZRad);
