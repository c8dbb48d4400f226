using System.Text.Json;
using HybridLfp.Streaming.Numerics;

namespace HybridLfp.Streaming.Pipeline.SingleCell;

/// <summary>Typed reads from a JSON input with errors that name the file and the JSON path.</summary>
internal readonly struct JsonInput
{
    public JsonInput(JsonElement element, string source, string path)
    {
        Element = element;
        Source = source;
        Path = path;
    }

    public JsonElement Element { get; }
    public string Source { get; }
    public string Path { get; }

    public bool IsNull => Element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;

    public JsonInput Get(string name)
    {
        if (Element.ValueKind != JsonValueKind.Object)
        {
            throw Error($"expected an object with key '{name}', found {Element.ValueKind}.");
        }

        if (!Element.TryGetProperty(name, out var e))
        {
            throw new InputException(Source, $"{Path}: missing key '{name}'.");
        }

        return new JsonInput(e, Source, $"{Path}.{name}");
    }

    public JsonInput? TryGet(string name)
    {
        if (Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(name, out var e) && e.ValueKind != JsonValueKind.Null)
        {
            return new JsonInput(e, Source, $"{Path}.{name}");
        }

        return null;
    }

    public double Double()
    {
        if (Element.ValueKind != JsonValueKind.Number)
        {
            throw Error($"expected a number, found {Element.ValueKind}.");
        }

        return Element.GetDouble();
    }

    public int Int()
    {
        if (Element.ValueKind != JsonValueKind.Number || !Element.TryGetInt32(out var v))
        {
            throw Error($"expected an integer, found {Element}.");
        }

        return v;
    }

    public bool Bool()
    {
        return Element.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error($"expected true or false, found {Element.ValueKind}."),
        };
    }

    public string String()
    {
        if (Element.ValueKind != JsonValueKind.String)
        {
            throw Error($"expected a string, found {Element.ValueKind}.");
        }

        return Element.GetString()!;
    }

    public IEnumerable<JsonInput> Items()
    {
        if (Element.ValueKind != JsonValueKind.Array)
        {
            throw Error($"expected an array, found {Element.ValueKind}.");
        }

        var i = 0;
        foreach (var e in Element.EnumerateArray())
        {
            yield return new JsonInput(e, Source, $"{Path}[{i++}]");
        }
    }

    public IEnumerable<(string Name, JsonInput Value)> Properties()
    {
        if (Element.ValueKind != JsonValueKind.Object)
        {
            throw Error($"expected an object, found {Element.ValueKind}.");
        }

        foreach (var p in Element.EnumerateObject())
        {
            yield return (p.Name, new JsonInput(p.Value, Source, $"{Path}.{p.Name}"));
        }
    }

    public double[] Doubles() => Items().Select(x => x.Double()).ToArray();

    public int[] Ints() => Items().Select(x => x.Int()).ToArray();

    public InputException Error(string message) => new(Source, $"{Path}: {message}");
}
