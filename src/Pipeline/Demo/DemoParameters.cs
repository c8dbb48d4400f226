using System.Collections.Immutable;
using System.Globalization;
using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Demo;

/// <summary>Builds probe parameter mappings in code, as the recipe reader would produce them from YAML.</summary>
internal static class DemoParameters
{
    public static RecipeMapping Mapping(string path, params (string Key, object Value)[] entries) =>
        new(path, 0, [.. entries.Select(e => new KeyValuePair<string, RecipeNode>(e.Key, Node($"{path}.{e.Key}", e.Value)))]);

    private static RecipeNode Node(string path, object value) => value switch
    {
        string s => new RecipeScalar(path, 0, s),
        double d => new RecipeScalar(path, 0, d.ToString("R", CultureInfo.InvariantCulture)),
        int i => new RecipeScalar(path, 0, i.ToString(CultureInfo.InvariantCulture)),
        double[] a => new RecipeSequence(path, 0, [.. a.Select((v, k) => Node($"{path}[{k}]", v))]),
        double[][] m => new RecipeSequence(path, 0, [.. m.Select((v, k) => Node($"{path}[{k}]", v))]),
        _ => throw new ArgumentException($"{path}: unsupported parameter type {value.GetType().Name}"),
    };
}
