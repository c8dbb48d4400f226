using System.Text.Json;
using HybridLfp.Streaming.Numerics.Geometry;
using HybridLfp.Streaming.Tests.Support;

namespace HybridLfp.Streaming.Tests.Forward;

/// <summary>Reading helpers shared by the forward-model tests (geometry of the single-cell cases, nested arrays).</summary>
internal static class ForwardTestData
{
    /// <summary>Tolerance of the issue: 1e-9 relative to the largest |value| of each compared array.</summary>
    public const double Tolerance = 1e-9;

    /// <summary>The names of the reference cases starting with any of <paramref name="prefixes"/>, as theory data.</summary>
    public static TheoryData<string> CaseNames(params string[] prefixes)
    {
        var data = new TheoryData<string>();
        foreach (var prefix in prefixes)
        {
            foreach (var name in ReferenceCase.CaseNames(prefix))
            {
                data.Add(name);
            }
        }

        return data;
    }

    /// <summary>v_init ≠ e_pas in a single-cell case's <c>inputs</c>: LFPy's t = 0 column is NEURON's raw ionic
    /// current (NEURON-numerics.md fact 12), not a membrane current, so it is left out of comparisons.</summary>
    public static bool HasT0Artifact(JsonElement inputs)
    {
        var cell = inputs.GetProperty("cell");
        var vInit = cell.GetProperty("v_init").GetDouble();
        var ePas = cell.GetProperty("passive_parameters").GetProperty("e_pas").GetDouble();
        return vInit != ePas;
    }

    /// <summary>CellGeometry from a single-cell case's <c>outputs.geometry</c> (already transformed).</summary>
    public static CellGeometry GeometryOf(JsonElement geometry)
    {
        var x = ReferenceCase.Matrix(geometry.GetProperty("x"));
        var y = ReferenceCase.Matrix(geometry.GetProperty("y"));
        var z = ReferenceCase.Matrix(geometry.GetProperty("z"));
        return new CellGeometry(
            x.Select(r => r[0]).ToArray(), x.Select(r => r[1]).ToArray(),
            y.Select(r => r[0]).ToArray(), y.Select(r => r[1]).ToArray(),
            z.Select(r => r[0]).ToArray(), z.Select(r => r[1]).ToArray(),
            ReferenceCase.Vector(geometry.GetProperty("d")),
            ReferenceCase.Vector(geometry.GetProperty("length")),
            ReferenceCase.Vector(geometry.GetProperty("area")));
    }

    /// <summary>All numbers of a nested JSON array in row-major order, and its shape.</summary>
    public static (int[] Shape, double[] Values) Flatten(JsonElement e)
    {
        var shape = new List<int>();
        var probe = e;
        while (probe.ValueKind == JsonValueKind.Array)
        {
            shape.Add(probe.GetArrayLength());
            if (probe.GetArrayLength() == 0)
            {
                break;
            }

            probe = probe[0];
        }

        var values = new List<double>();
        void Walk(JsonElement x)
        {
            if (x.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in x.EnumerateArray())
                {
                    Walk(item);
                }
            }
            else
            {
                values.Add(x.ValueKind == JsonValueKind.Null ? double.NaN : x.GetDouble());
            }
        }

        Walk(e);
        return (shape.ToArray(), values.ToArray());
    }

    /// <summary>max |expected − actual| / max |expected| (or the absolute error when expected is all zero).</summary>
    public static double RelativeToMax(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double maxAbs = 0, maxErr = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.False(double.IsNaN(actual[i]), $"NaN at flat index {i}");
            maxAbs = Math.Max(maxAbs, Math.Abs(expected[i]));
            maxErr = Math.Max(maxErr, Math.Abs(expected[i] - actual[i]));
        }

        return maxAbs == 0 ? maxErr : maxErr / maxAbs;
    }

    /// <summary>Jagged rows with the given columns removed from every row (the t = 0 artifact rule).</summary>
    public static double[][] DropFirstColumn(IReadOnlyList<double[]> rows) => rows.Select(r => r.Skip(1).ToArray()).ToArray();
}
