using System.Text.Json;

namespace HybridLfp.Streaming.Tests.Support;

/// <summary>
/// A reference case from `../shared/reference` (JSON written by the LFPy/NEURON stack), read in place. Gives typed
/// access to numeric arrays; the comparison helpers state the tolerance rule the issues use.
/// </summary>
public sealed class ReferenceCase : IDisposable
{
    private readonly JsonDocument _document;

    public string Path { get; }

    public JsonElement Root => _document.RootElement;

    public JsonElement Inputs => Root.GetProperty("inputs");

    public JsonElement Outputs => Root.GetProperty("outputs");

    private ReferenceCase(string path, JsonDocument document)
    {
        Path = path;
        _document = document;
    }

    /// <summary>Opens `../shared/reference/cases/NAME` (NAME with or without `.json`).</summary>
    public static ReferenceCase OpenCase(string name) =>
        Open(SharedPaths.Of("reference", "cases", name.EndsWith(".json", StringComparison.Ordinal) ? name : name + ".json"));

    /// <summary>Opens any reference JSON file by path.</summary>
    public static ReferenceCase Open(string path)
    {
        using var stream = File.OpenRead(path);
        var document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 256 });
        return new ReferenceCase(path, document);
    }

    /// <summary>Names of the files in `../shared/reference/cases` whose name starts with <paramref name="prefix"/>.</summary>
    public static IEnumerable<string> CaseNames(string prefix) =>
        Directory.EnumerateFiles(SharedPaths.Of("reference", "cases"), prefix + "*.json")
            .Select(System.IO.Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    public static double[] Vector(JsonElement e)
    {
        var result = new double[e.GetArrayLength()];
        var i = 0;
        foreach (var item in e.EnumerateArray())
        {
            result[i++] = item.ValueKind == JsonValueKind.Null ? double.NaN : item.GetDouble();
        }

        return result;
    }

    public static double[][] Matrix(JsonElement e) => e.EnumerateArray().Select(Vector).ToArray();

    /// <summary>max |a−b| over all entries divided by max |expected|; the "1e-9 of max |value|" rule.</summary>
    public static double ErrorRelativeToMax(IReadOnlyList<double[]> expected, IReadOnlyList<double[]> actual)
    {
        if (expected.Count != actual.Count)
        {
            throw new ArgumentException($"row count {actual.Count} != expected {expected.Count}");
        }

        double maxAbs = 0, maxErr = 0;
        for (var r = 0; r < expected.Count; r++)
        {
            if (expected[r].Length != actual[r].Length)
            {
                throw new ArgumentException($"row {r}: length {actual[r].Length} != expected {expected[r].Length}");
            }

            for (var c = 0; c < expected[r].Length; c++)
            {
                maxAbs = Math.Max(maxAbs, Math.Abs(expected[r][c]));
                maxErr = Math.Max(maxErr, Math.Abs(expected[r][c] - actual[r][c]));
            }
        }

        return maxAbs == 0 ? maxErr : maxErr / maxAbs;
    }

    public void Dispose() => _document.Dispose();
}
