using System.Collections.Immutable;

namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>
/// Typed access to a <see cref="RecipeNode"/> tree that never throws: every type or presence problem is added to
/// <see cref="Problems"/> (with path and line) and a fallback value is returned, so one pass finds every problem.
/// Owned by one load; not thread-safe.
/// </summary>
internal sealed class RecipeNodeReader
{
    public List<RecipeProblem> Problems { get; } = [];

    public void Report(RecipeNode node, string message) => Problems.Add(new RecipeProblem(node.Path, message, node.Line));

    public void Report(string path, int line, string message) => Problems.Add(new RecipeProblem(path, message, line));

    /// <summary>Reports keys of <paramref name="map"/> not in <paramref name="known"/>.</summary>
    public void CheckKeys(RecipeMapping map, params string[] known)
    {
        foreach (var (key, value) in map.Entries)
        {
            if (Array.IndexOf(known, key) < 0)
            {
                Report(value, $"unknown key '{key}'; expected one of: {string.Join(", ", known)}");
            }
        }
    }

    public RecipeMapping? Mapping(RecipeNode? node, RecipeMapping parent, string key, bool required)
    {
        if (node is null)
        {
            if (required)
            {
                Report(Child(parent, key), parent.Line, "missing; expected a mapping");
            }

            return null;
        }

        if (node is RecipeMapping map)
        {
            return map;
        }

        if (node is RecipeScalar { IsNull: true } && !required)
        {
            return null;
        }

        Report(node, "expected a mapping");
        return null;
    }

    public double? Double(RecipeMapping map, string key, bool required, double? fallback = null)
    {
        var node = map.Get(key);
        if (node is null || node is RecipeScalar { IsNull: true })
        {
            if (required)
            {
                Report(Child(map, key), node?.Line ?? map.Line, "missing; expected a number");
            }

            return fallback;
        }

        return AsDouble(node) ?? fallback;
    }

    public double? AsDouble(RecipeNode node)
    {
        if (node is RecipeScalar s && s.TryGetDouble(out var value))
        {
            return value;
        }

        Report(node, $"expected a number, got {Describe(node)}");
        return null;
    }

    public long? Integer(RecipeMapping map, string key, bool required, long? fallback = null)
    {
        var node = map.Get(key);
        if (node is null || node is RecipeScalar { IsNull: true })
        {
            if (required)
            {
                Report(Child(map, key), node?.Line ?? map.Line, "missing; expected a whole number");
            }

            return fallback;
        }

        return AsInteger(node) ?? fallback;
    }

    public long? AsInteger(RecipeNode node)
    {
        if (node is RecipeScalar s && s.TryGetInt64(out var value))
        {
            return value;
        }

        Report(node, $"expected a whole number, got {Describe(node)}");
        return null;
    }

    public string? String(RecipeMapping map, string key, bool required)
    {
        var node = map.Get(key);
        if (node is null || node is RecipeScalar { IsNull: true })
        {
            if (required)
            {
                Report(Child(map, key), node?.Line ?? map.Line, "missing; expected a string");
            }

            return null;
        }

        return AsString(node);
    }

    public string? AsString(RecipeNode node)
    {
        if (node is RecipeScalar { Text: { } text })
        {
            return text;
        }

        Report(node, $"expected a string, got {Describe(node)}");
        return null;
    }

    /// <summary>A sequence; a single scalar is accepted as a one-element sequence when <paramref name="allowScalar"/>.</summary>
    public ImmutableArray<RecipeNode> Sequence(RecipeNode? node, bool allowScalar = false)
    {
        switch (node)
        {
            case null:
                return [];
            case RecipeSequence seq:
                return seq.Items;
            case RecipeScalar { IsNull: true }:
                return [];
            case RecipeScalar s when allowScalar:
                return [s];
            default:
                Report(node, $"expected a list, got {Describe(node)}");
                return [];
        }
    }

    public ImmutableArray<double> DoubleList(RecipeNode? node)
    {
        var builder = ImmutableArray.CreateBuilder<double>();
        foreach (var item in Sequence(node))
        {
            builder.Add(AsDouble(item) ?? double.NaN);
        }

        return builder.ToImmutable();
    }

    public ImmutableArray<string> StringList(RecipeNode? node)
    {
        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var item in Sequence(node, allowScalar: true))
        {
            if (AsString(item) is { } s)
            {
                builder.Add(s);
            }
        }

        return builder.ToImmutable();
    }

    public static string Child(RecipeNode parent, string key) => parent.Path.Length == 0 ? key : parent.Path + "." + key;

    public static string Describe(RecipeNode node) => node switch
    {
        RecipeMapping => "a mapping",
        RecipeSequence s => $"a list of {s.Items.Length}",
        RecipeScalar { Text: null } => "null",
        RecipeScalar s => $"'{s.Text}'",
        _ => "?",
    };
}
