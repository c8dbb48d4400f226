using System.Globalization;
using System.Text;
using System.Text.Json;
using HybridLfp.Streaming.Numerics;
using HybridLfp.Streaming.Numerics.Geometry;

namespace HybridLfp.Streaming.Pipeline.Forward;

/// <summary>
/// Runs an LFPykit-only case file (<c>lfpykit_models_*</c>: <c>cell</c>, <c>I</c>, <c>p</c>, <c>models</c>) and writes,
/// for every model entry, the matrix and the products the entry lists under the same keys (JSON, full double
/// precision). Bad input raises <see cref="InputException"/> naming the file, the entry and the parameter.
/// </summary>
public static class LfpykitCaseRunner
{
    /// <summary>Reads <paramref name="inputPath"/>, evaluates every model and writes <paramref name="outputPath"/>.</summary>
    public static async Task<int> RunFileAsync(string inputPath, string outputPath, CancellationToken cancellationToken)
    {
        JsonDocument document;
        await using (var stream = File.OpenRead(inputPath))
        {
            try
            {
                document = await JsonDocument.ParseAsync(stream, new JsonDocumentOptions { MaxDepth = 256 }, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                throw new InputException(inputPath, $"not valid JSON: {e.Message}", (int)(e.LineNumber ?? 0) + 1, e);
            }
        }

        using (document)
        {
            var results = Run(document.RootElement, inputPath);
            var text = Write(document.RootElement, results);
            await File.WriteAllTextAsync(outputPath, text, cancellationToken).ConfigureAwait(false);
            return results.Count;
        }
    }

    /// <summary>Evaluates every model entry of a parsed case; returns one dictionary of outputs per entry.</summary>
    public static List<Dictionary<string, ForwardArray>> Run(JsonElement root, string inputName)
    {
        var cell = ReadCell(Required(root, "cell", inputName), inputName);
        var currents = ReadMatrix(Required(root, "I", inputName), "I", inputName);
        var dipole = root.TryGetProperty("p", out var pEl) ? ReadMatrix(pEl, "p", inputName) : [];
        if (currents.Length != cell.SegmentCount)
        {
            throw new InputException(inputName, $"I has {currents.Length} rows; the cell has {cell.SegmentCount} segments (I must be [n_seg][n_t]).");
        }

        if (dipole.Length is not (0 or 3))
        {
            throw new InputException(inputName, $"p has {dipole.Length} rows; expected 3 (x, y, z).");
        }

        var results = new List<Dictionary<string, ForwardArray>>();
        var k = 0;
        foreach (var entry in Required(root, "models", inputName).EnumerateArray())
        {
            var name = entry.TryGetProperty("model", out var m) ? m.GetString() : "?";
            try
            {
                results.Add(LfpykitModelEvaluator.Evaluate(entry, CellFor(root, entry, cell, inputName), currents, dipole));
            }
            catch (ArgumentException e)
            {
                throw new InputException(inputName, $"models[{k}] ({name}): {e.Message}", 0, e);
            }
            catch (KeyNotFoundException e)
            {
                throw new InputException(inputName, $"models[{k}] ({name}): {e.Message}", 0, e);
            }
            catch (InvalidOperationException e)
            {
                throw new InputException(inputName, $"models[{k}] ({name}): {e.Message}", 0, e);
            }

            k++;
        }

        return results;
    }

    /// <summary>
    /// The geometry an entry is evaluated on: the case's <c>cell</c>, or, where the entry names another root object
    /// (<c>"cell": "conical_cell"</c> or <c>"geometry": …</c>), that object with the missing x, y, z taken from <c>cell</c>.
    /// </summary>
    private static CellGeometry CellFor(JsonElement root, JsonElement entry, CellGeometry cell, string inputName)
    {
        foreach (var key in new[] { "cell", "geometry" })
        {
            if (entry.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { } other && other != "cell")
            {
                if (!root.TryGetProperty(other, out var alt) || alt.ValueKind != JsonValueKind.Object)
                {
                    throw new InputException(inputName, $"a model entry refers to '{other}', which is not in the file.");
                }

                var merged = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var p in root.GetProperty("cell").EnumerateObject())
                {
                    merged[p.Name] = p.Value;
                }

                foreach (var p in alt.EnumerateObject())
                {
                    merged[p.Name] = p.Value;
                }

                using var doc = JsonDocument.Parse(JsonSerializer.Serialize(merged));
                return ReadCell(doc.RootElement, inputName);
            }
        }

        return cell;
    }

    /// <summary>CellGeometry from LFPykit's <c>{x, y, z: [[start, end]...], d, length, area}</c> (µm, µm²); a conical
    /// <c>d: [[d_start, d_end]...]</c> uses the mean diameter, as LFPykit's minimum-distance rule does.</summary>
    public static CellGeometry ReadCell(JsonElement cell, string inputName)
    {
        double[][] Pairs(string name)
        {
            var m = ReadMatrix(Required(cell, name, inputName), "cell." + name, inputName);
            if (m.Any(r => r.Length != 2))
            {
                throw new InputException(inputName, $"cell.{name} must be [[start, end], ...] (µm).");
            }

            return m;
        }

        var x = Pairs("x");
        var y = Pairs("y");
        var z = Pairs("z");
        var n = x.Length;
        var dEl = Required(cell, "d", inputName);
        var d = dEl.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().Average(v => v.GetDouble()) : e.GetDouble()).ToArray();
        double[] Optional(string name, Func<int, double> fallback) =>
            cell.TryGetProperty(name, out var el) ? el.EnumerateArray().Select(v => v.GetDouble()).ToArray() : Enumerable.Range(0, n).Select(fallback).ToArray();
        double Len(int i) => Math.Sqrt(Math.Pow(x[i][1] - x[i][0], 2) + Math.Pow(y[i][1] - y[i][0], 2) + Math.Pow(z[i][1] - z[i][0], 2));
        var length = Optional("length", Len);
        var area = Optional("area", i => Math.PI * d[i] * length[i]);
        try
        {
            return new CellGeometry(
                x.Select(r => r[0]).ToArray(), x.Select(r => r[1]).ToArray(),
                y.Select(r => r[0]).ToArray(), y.Select(r => r[1]).ToArray(),
                z.Select(r => r[0]).ToArray(), z.Select(r => r[1]).ToArray(),
                d, length, area);
        }
        catch (ArgumentException e)
        {
            throw new InputException(inputName, "cell: " + e.Message, 0, e);
        }
    }

    private static JsonElement Required(JsonElement e, string name, string inputName) =>
        e.TryGetProperty(name, out var v) ? v : throw new InputException(inputName, $"'{name}' is missing.");

    private static double[][] ReadMatrix(JsonElement e, string name, string inputName)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            throw new InputException(inputName, $"{name} must be a 2-D array of numbers.");
        }

        return e.EnumerateArray().Select(row => row.ValueKind == JsonValueKind.Array
            ? row.EnumerateArray().Select(v => v.GetDouble()).ToArray()
            : throw new InputException(inputName, $"{name} must be a 2-D array of numbers.")).ToArray();
    }

    /// <summary>The output document: <c>{name, models: [{model, params, key: nested array, ...}]}</c>.</summary>
    private static string Write(JsonElement root, List<Dictionary<string, ForwardArray>> results)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            w.WriteStartObject();
            if (root.TryGetProperty("name", out var name))
            {
                w.WritePropertyName("name");
                name.WriteTo(w);
            }

            w.WriteString("generator", "hlfp forward");
            w.WriteStartArray("models");
            var k = 0;
            foreach (var entry in root.GetProperty("models").EnumerateArray())
            {
                w.WriteStartObject();
                w.WriteString("model", entry.GetProperty("model").GetString());
                w.WritePropertyName("params");
                entry.GetProperty("params").WriteTo(w);
                foreach (var (key, array) in results[k])
                {
                    w.WritePropertyName(key);
                    WriteNested(w, array, 0, 0);
                }

                w.WriteEndObject();
                k++;
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static int WriteNested(Utf8JsonWriter w, ForwardArray a, int dim, int offset)
    {
        w.WriteStartArray();
        if (dim == a.Shape.Length - 1)
        {
            for (var i = 0; i < a.Shape[dim]; i++)
            {
                var v = a.Values[offset + i];
                if (double.IsFinite(v))
                {
                    // "R" round-trips every double exactly.
                    w.WriteRawValue(v.ToString("R", CultureInfo.InvariantCulture));
                }
                else
                {
                    w.WriteNullValue();
                }
            }

            offset += a.Shape[dim];
        }
        else
        {
            for (var i = 0; i < a.Shape[dim]; i++)
            {
                offset = WriteNested(w, a, dim + 1, offset);
            }
        }

        w.WriteEndArray();
        return offset;
    }
}
