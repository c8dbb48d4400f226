using System.Text.Json;
using HybridLfp.Streaming.Numerics.Morphology;
using HybridLfp.Streaming.Tests.Support;

namespace HybridLfp.Streaming.Tests.Morphology;

/// <summary>
/// One entry of a reference case's <c>outputs.sections</c>: NEURON's own view of a section (after define_shape),
/// and helpers that compare it with what our readers produce.
/// </summary>
internal sealed record NeuronSectionView(
    string Name, string? Parent, double? ParentX, double ChildX, double[][] Pt3d, double[] Arc3d)
{
    public static List<NeuronSectionView> FromCase(ReferenceCase reference) =>
        FromArray(reference.Outputs.GetProperty("sections"));

    public static List<NeuronSectionView> FromArray(JsonElement sections, bool withArc = true) =>
        sections.EnumerateArray().Select(s => new NeuronSectionView(
            s.GetProperty("name").GetString()!,
            s.GetProperty("parent").ValueKind == JsonValueKind.Null ? null : s.GetProperty("parent").GetString(),
            s.GetProperty("parent_x").ValueKind == JsonValueKind.Null ? null : s.GetProperty("parent_x").GetDouble(),
            s.GetProperty("child_x").GetDouble(),
            ReferenceCase.Matrix(s.GetProperty("pt3d")),
            withArc ? ReferenceCase.Vector(s.GetProperty("arc3d")) : [])).ToList();

    /// <summary>
    /// NEURON's arc3d as <c>nrn_pt3dmodified</c> computes it when the points are added (NEURON-numerics.md fact 1):
    /// each coordinate difference is a float−float subtraction, squared and summed in double.
    /// </summary>
    public static double[] ArcLengths(IReadOnlyList<Pt3dPoint> points)
    {
        var arc = new double[points.Count];
        for (var i = 1; i < points.Count; i++)
        {
            double t1 = points[i].X - points[i - 1].X;
            double t2 = points[i].Y - points[i - 1].Y;
            double t3 = points[i].Z - points[i - 1].Z;
            arc[i] = arc[i - 1] + Math.Sqrt(t1 * t1 + t2 * t2 + t3 * t3);
        }

        return arc;
    }

    /// <summary>Asserts names, order, parents and attachment points equal NEURON's exactly.</summary>
    public static void AssertTopology(IReadOnlyList<NeuronSectionView> expected, MorphologyDescription actual)
    {
        Assert.Equal(expected.Select(s => s.Name), actual.Sections.Select(s => s.Name));
        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected[i];
            var a = actual.Sections[i];
            Assert.Equal(e.Parent, a.IsRoot ? null : actual.Sections[a.ParentIndex].Name);
            if (e.ParentX is null)
            {
                Assert.True(double.IsNaN(a.ParentX), $"{a.Name}: root parent_x");
            }
            else
            {
                Assert.Equal(e.ParentX.Value, a.ParentX);
            }

            Assert.Equal(e.ChildX, a.ChildX);
        }
    }

    public static void AssertPointsEqual(double[][] expected, IReadOnlyList<Pt3dPoint> actual, string what)
    {
        Assert.True(expected.Length == actual.Count, $"{what}: {actual.Count} points, NEURON has {expected.Length}");
        for (var k = 0; k < expected.Length; k++)
        {
            var p = actual[k];
            double[] got = [p.X, p.Y, p.Z, p.Diameter];
            for (var c = 0; c < 4; c++)
            {
                Assert.True(expected[k][c] == got[c], $"{what} point {k} column {c}: {got[c]:R} != NEURON {expected[k][c]:R}");
            }
        }
    }
}
