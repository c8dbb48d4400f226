namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>Argument validation shared by the forward models; every message names the parameter.</summary>
internal static class ParameterChecks
{
    public static void Positive(double value, string name, string unit)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number > 0 ({unit}); got {value}.");
        }
    }

    public static void NonNegative(double value, string name, string unit)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number ≥ 0 ({unit}); got {value}.");
        }
    }

    public static void SameLength(double[] x, double[] y, double[] z, string xName, string yName, string zName)
    {
        ArgumentNullException.ThrowIfNull(x, xName);
        ArgumentNullException.ThrowIfNull(y, yName);
        ArgumentNullException.ThrowIfNull(z, zName);
        if (x.Length != y.Length || x.Length != z.Length)
        {
            throw new ArgumentException(
                $"{xName}, {yName} and {zName} must have the same number of elements; got {x.Length}, {y.Length}, {z.Length}.", xName);
        }
    }

    public static void Finite(IEnumerable<double> values, string name)
    {
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentException($"{name} must contain finite numbers; found {v}.", name);
            }
        }
    }

    public static Vec3[] Points(IReadOnlyList<double[]> rows, string name)
    {
        ArgumentNullException.ThrowIfNull(rows, name);
        var result = new Vec3[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is null || rows[i].Length != 3)
            {
                throw new ArgumentException($"{name}[{i}] must have 3 elements (x, y, z), µm.", name);
            }

            result[i] = new Vec3(rows[i][0], rows[i][1], rows[i][2]);
        }

        return result;
    }
}
