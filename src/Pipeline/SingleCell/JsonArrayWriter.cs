using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace HybridLfp.Streaming.Pipeline.SingleCell;

/// <summary>
/// Writes numeric vectors and row-major matrices as named JSON arrays (the reference files' layout). Long arrays are
/// the bulk of <c>hlfp cell</c>'s output (isyn, lfp, cdm: millions of numbers), so each array (or matrix row) is
/// formatted straight into a pooled UTF-8 buffer — shortest round-trip form, invariant culture, the same text
/// <see cref="Utf8JsonWriter.WriteNumberValue(double)"/> produces — and handed to the writer as one raw value, then the
/// writer is flushed to its stream once enough is pending, so the document is streamed instead of held in memory.
/// Non-finite values are not JSON: they are an error naming the array.
/// </summary>
internal static class JsonArrayWriter
{
    /// <summary>Bytes the writer may hold before it is flushed to its stream.</summary>
    private const int FlushThresholdBytes = 1 << 16;

    /// <summary>Longest text of one double in shortest round-trip form ("-1.2345678901234567E-308" is 24) plus a comma.</summary>
    private const int MaxBytesPerNumber = 32;

    /// <summary>Writes <c>"name": [x0, x1, …]</c>.</summary>
    internal static void WriteVector(Utf8JsonWriter w, string name, ReadOnlySpan<double> v)
    {
        w.WritePropertyName(name);
        WriteArrayValue(w, name, v);
    }

    /// <summary>Writes <c>"name": [[row 0], [row 1], …]</c>.</summary>
    internal static void WriteMatrix(Utf8JsonWriter w, string name, double[][] rows)
    {
        w.WriteStartArray(name);
        foreach (var row in rows)
        {
            WriteArrayValue(w, name, row);
        }

        w.WriteEndArray();
    }

    /// <summary>Writes <c>[x0, x1, …]</c> as the next value, then flushes the writer if much is pending.</summary>
    internal static void WriteArrayValue(Utf8JsonWriter w, string name, ReadOnlySpan<double> v)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(2 + MaxBytesPerNumber * v.Length);
        try
        {
            var length = 0;
            buffer[length++] = (byte)'[';
            for (var i = 0; i < v.Length; i++)
            {
                var x = v[i];
                if (!double.IsFinite(x))
                {
                    throw new InvalidOperationException($"output '{name}' holds {x} at index {i}; JSON numbers must be finite.");
                }

                if (i > 0)
                {
                    buffer[length++] = (byte)',';
                }

                if (!x.TryFormat(buffer.AsSpan(length), out var written, default, CultureInfo.InvariantCulture))
                {
                    throw new InvalidOperationException($"could not format {x} (output '{name}').");
                }

                length += written;
            }

            buffer[length++] = (byte)']';
            w.WriteRawValue(buffer.AsSpan(0, length), skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (w.BytesPending > FlushThresholdBytes)
        {
            w.Flush();
        }
    }
}
