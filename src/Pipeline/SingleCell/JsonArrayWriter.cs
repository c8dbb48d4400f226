using System.Text.Json;

namespace HybridLfp.Streaming.Pipeline.SingleCell;

/// <summary>Writes numeric vectors and row-major matrices as named JSON arrays (the reference files' layout).</summary>
internal static class JsonArrayWriter
{
    /// <summary>Writes <c>"name": [x0, x1, …]</c>.</summary>
    internal static void WriteVector(Utf8JsonWriter w, string name, ReadOnlySpan<double> v)
    {
        w.WriteStartArray(name);
        foreach (var x in v)
        {
            w.WriteNumberValue(x);
        }

        w.WriteEndArray();
    }

    /// <summary>Writes <c>"name": [[row 0], [row 1], …]</c>.</summary>
    internal static void WriteMatrix(Utf8JsonWriter w, string name, double[][] rows)
    {
        w.WriteStartArray(name);
        foreach (var row in rows)
        {
            w.WriteStartArray();
            foreach (var x in row)
            {
                w.WriteNumberValue(x);
            }

            w.WriteEndArray();
        }

        w.WriteEndArray();
    }
}
