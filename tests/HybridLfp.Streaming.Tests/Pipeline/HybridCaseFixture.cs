using System.Collections.Immutable;
using System.Text.Json;
using HybridLfp.Streaming.Pipeline.Building;
using HybridLfp.Streaming.Pipeline.Recipe;
using HybridLfp.Streaming.Tests.Support;

namespace HybridLfp.Streaming.Tests.Pipeline;

/// <summary>The hybrid reference case, parsed once for all tests of a class (11 MB).</summary>
public sealed class HybridCaseFixture : IDisposable
{
    public const string CaseName = "hybrid_brunel_injected_public";

    public ReferenceCase Case { get; } = ReferenceCase.OpenCase(CaseName);

    public RecipeDescription Recipe { get; }

    public HybridCaseFixture()
    {
        Recipe = HybridCaseRecipeReader.Read(Case.Root, Path.GetDirectoryName(Case.Path)!, Case.Path);
    }

    public JsonElement Population(string y) => Case.Inputs.GetProperty("populations").GetProperty(y);

    /// <summary>The population's untransformed segments as the case records them (the engine's job later).</summary>
    public SegmentTable Segments(string y)
    {
        var p = Population(y);
        var names = p.GetProperty("sections").EnumerateArray()
            .SelectMany(s => Enumerable.Repeat(s.GetProperty("name").GetString()!, s.GetProperty("nseg").GetInt32()))
            .ToImmutableArray();
        var g = p.GetProperty("geometry_untransformed");
        var soma = ReferenceCase.Vector(p.GetProperty("somapos_untransformed"));
        return new SegmentTable(names, [.. ReferenceCase.Vector(g.GetProperty("area"))], Midpoints(g), new Point3(soma[0], soma[1], soma[2]));
    }

    public static ImmutableArray<Point3> Midpoints(JsonElement geometry)
    {
        var x = ReferenceCase.Matrix(geometry.GetProperty("x"));
        var y = ReferenceCase.Matrix(geometry.GetProperty("y"));
        var z = ReferenceCase.Matrix(geometry.GetProperty("z"));
        return [.. Enumerable.Range(0, x.Length).Select(i =>
            new Point3(0.5 * (x[i][0] + x[i][1]), 0.5 * (y[i][0] + y[i][1]), 0.5 * (z[i][0] + z[i][1])))];
    }

    public void Dispose() => Case.Dispose();
}
