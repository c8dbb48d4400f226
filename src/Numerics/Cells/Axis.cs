namespace HybridLfp.Streaming.Numerics.Cells;

/// <summary>A Cartesian axis.</summary>
public enum Axis
{
    X,
    Y,
    Z,
}
