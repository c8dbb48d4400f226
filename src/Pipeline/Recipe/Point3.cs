namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>A point or vector in space, µm.</summary>
public readonly record struct Point3(double X, double Y, double Z);
