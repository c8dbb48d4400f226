namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>A point or vector in 3-D space, µm for positions (nA·µm for dipole moments where stated).</summary>
public readonly record struct Vec3(double X, double Y, double Z)
{
    public static Vec3 operator +(Vec3 a, Vec3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
    public static Vec3 operator -(Vec3 a, Vec3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
    public static Vec3 operator *(double s, Vec3 a) => new(s * a.X, s * a.Y, s * a.Z);

    /// <summary>Dot product.</summary>
    public double Dot(Vec3 b) => X * b.X + Y * b.Y + Z * b.Z;

    /// <summary>Cross product this × b.</summary>
    public Vec3 Cross(Vec3 b) => new(Y * b.Z - Z * b.Y, Z * b.X - X * b.Z, X * b.Y - Y * b.X);

    /// <summary>Euclidean norm.</summary>
    public double Norm => Math.Sqrt(X * X + Y * Y + Z * Z);

    /// <summary>Component by index 0 (x), 1 (y), 2 (z).</summary>
    public double this[int i] => i switch
    {
        0 => X,
        1 => Y,
        2 => Z,
        _ => throw new ArgumentOutOfRangeException(nameof(i)),
    };

    /// <summary>Unit vector along axis 0, 1 or 2.</summary>
    public static Vec3 Unit(int axis) => axis switch
    {
        0 => new Vec3(1, 0, 0),
        1 => new Vec3(0, 1, 0),
        2 => new Vec3(0, 0, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(axis)),
    };

    /// <summary>Builds a vector from a 3-element array; names the parameter when the shape is wrong.</summary>
    public static Vec3 FromArray(IReadOnlyList<double> values, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(values, parameterName);
        if (values.Count != 3)
        {
            throw new ArgumentException($"{parameterName} must have 3 elements (x, y, z); it has {values.Count}.", parameterName);
        }

        return new Vec3(values[0], values[1], values[2]);
    }
}
