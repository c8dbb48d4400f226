using System.Collections.Immutable;
using System.Text;
using System.Text.Json;

namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>
/// Parses JSON text into a <see cref="RecipeNode"/> tree with System.Text.Json's <see cref="Utf8JsonReader"/>,
/// computing each value's line from its byte offset (the reader itself reports no lines).
/// </summary>
public static class JsonRecipeReader
{
    public static RecipeNode Parse(string text, string sourceName)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            MaxDepth = 256,
        });
        try
        {
            if (!reader.Read())
            {
                throw new RecipeException(sourceName, [new RecipeProblem("(root)", "the recipe is empty; expected an object")]);
            }

            return ReadValue(ref reader, "", lineStarts);
        }
        catch (JsonException e)
        {
            throw new RecipeException(sourceName,
                [new RecipeProblem("(syntax)", $"invalid JSON: {e.Message}", (int)(e.LineNumber ?? 0) + 1)]);
        }
    }

    private static int LineOf(long offset, List<int> lineStarts)
    {
        var index = lineStarts.BinarySearch((int)offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }

    private static RecipeNode ReadValue(ref Utf8JsonReader reader, string path, List<int> lineStarts)
    {
        var line = LineOf(reader.TokenStartIndex, lineStarts);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var entries = ImmutableArray.CreateBuilder<KeyValuePair<string, RecipeNode>>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var key = reader.GetString() ?? "";
                    reader.Read();
                    entries.Add(new(key, ReadValue(ref reader, path.Length == 0 ? key : path + "." + key, lineStarts)));
                }

                return new RecipeMapping(path, line, entries.ToImmutable());
            case JsonTokenType.StartArray:
                var items = ImmutableArray.CreateBuilder<RecipeNode>();
                var i = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader, $"{path}[{i++}]", lineStarts));
                }

                return new RecipeSequence(path, line, items.ToImmutable());
            case JsonTokenType.String:
                return new RecipeScalar(path, line, reader.GetString());
            case JsonTokenType.Number:
                return new RecipeScalar(path, line, Encoding.UTF8.GetString(reader.ValueSpan));
            case JsonTokenType.True:
                return new RecipeScalar(path, line, "true");
            case JsonTokenType.False:
                return new RecipeScalar(path, line, "false");
            default:
                return new RecipeScalar(path, line, null);
        }
    }
}
