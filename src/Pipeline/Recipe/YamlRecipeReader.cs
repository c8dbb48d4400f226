using System.Collections.Immutable;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>Parses YAML text into a <see cref="RecipeNode"/> tree (YamlDotNet's representation model), keeping lines.</summary>
public static class YamlRecipeReader
{
    /// <summary>Parses <paramref name="text"/>; syntax errors become an <see cref="RecipeException"/> with the line.</summary>
    public static RecipeNode Parse(string text, string sourceName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new RecipeException(sourceName, [new RecipeProblem("(syntax)", $"invalid YAML: {e.Message}", (int)e.Start.Line)]);
        }

        if (stream.Documents.Count == 0)
        {
            throw new RecipeException(sourceName, [new RecipeProblem("(root)", "the recipe is empty; expected a mapping")]);
        }

        return Convert(stream.Documents[0].RootNode, "");
    }

    private static RecipeNode Convert(YamlNode node, string path)
    {
        var line = (int)node.Start.Line;
        switch (node)
        {
            case YamlMappingNode map:
                var entries = ImmutableArray.CreateBuilder<KeyValuePair<string, RecipeNode>>();
                foreach (var (k, v) in map.Children)
                {
                    var key = k is YamlScalarNode s ? s.Value ?? "" : k.ToString();
                    entries.Add(new(key, Convert(v, path.Length == 0 ? key : path + "." + key)));
                }

                return new RecipeMapping(path, line, entries.ToImmutable());
            case YamlSequenceNode seq:
                var items = ImmutableArray.CreateBuilder<RecipeNode>();
                var i = 0;
                foreach (var child in seq.Children)
                {
                    items.Add(Convert(child, $"{path}[{i++}]"));
                }

                return new RecipeSequence(path, line, items.ToImmutable());
            case YamlScalarNode scalar:
                var isNull = scalar.Style == ScalarStyle.Plain &&
                             (scalar.Value is null or "" or "~" or "null" or "Null" or "NULL");
                return new RecipeScalar(path, line, isNull ? null : scalar.Value);
            default:
                return new RecipeScalar(path, line, null);
        }
    }
}
