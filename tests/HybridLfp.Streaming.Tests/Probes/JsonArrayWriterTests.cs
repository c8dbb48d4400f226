using System.Text;
using System.Text.Json;
using HybridLfp.Streaming.Pipeline.SingleCell;

namespace HybridLfp.Streaming.Tests.Probes;

/// <summary>
/// The bulk JSON arrays of <c>hlfp cell</c>: the same text as System.Text.Json's own number writer (shortest
/// round-trip), values that parse back bit for bit, streamed to the output while being written, and a clear error for
/// non-finite values.
/// </summary>
public sealed class JsonArrayWriterTests
{
    private static readonly double[] Tricky =
    [
        0.0, -0.0, 1.0, -1.5, 0.1, 1.0 / 3, 1e-5, 2e-5, 1.279653042407748e-05, 123456789012345680.0, 1e21, 1e-300,
        double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue, 5e-324, 0.30000000000000004, 65.0, -65.00000000000001,
    ];

    [Fact]
    public void TextEqualsTheFrameworkWritersNumbers()
    {
        var random = new Random(9);
        var values = Tricky.Concat(Enumerable.Range(0, 500).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-12, 12)))).ToArray();
        var ours = Write(w =>
        {
            JsonArrayWriter.WriteVector(w, "v", values);
            JsonArrayWriter.WriteMatrix(w, "m", [values[..7], [], values[7..]]);
        });
        var framework = Write(w =>
        {
            w.WriteStartArray("v");
            foreach (var x in values)
            {
                w.WriteNumberValue(x);
            }

            w.WriteEndArray();
            w.WriteStartArray("m");
            foreach (var row in new[] { values[..7], [], values[7..] })
            {
                w.WriteStartArray();
                foreach (var x in row)
                {
                    w.WriteNumberValue(x);
                }

                w.WriteEndArray();
            }

            w.WriteEndArray();
        });
        Assert.Equal(framework, ours);

        using var parsed = JsonDocument.Parse(ours);
        var back = parsed.RootElement.GetProperty("v").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), back.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void LongArraysReachTheStreamWhileBeingWritten()
    {
        using var stream = new MemoryStream();
        using var w = new Utf8JsonWriter(stream);
        w.WriteStartObject();
        var row = Enumerable.Range(0, 10_000).Select(i => i * 0.1234567).ToArray();
        JsonArrayWriter.WriteMatrix(w, "big", [row, row, row]);
        Assert.True(stream.Length > 100_000, $"{stream.Length} bytes on the stream before the final flush");
        Assert.True(w.BytesPending < 300_000, $"{w.BytesPending} bytes held by the writer");
        w.WriteEndObject();
        w.Flush();
        using var parsed = JsonDocument.Parse(stream.ToArray());
        Assert.Equal(row[9_999], parsed.RootElement.GetProperty("big")[2][9_999].GetDouble());
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NonFiniteValuesAreAnErrorNamingTheArray(double bad)
    {
        var e = Assert.Throws<InvalidOperationException>(() => Write(w => JsonArrayWriter.WriteMatrix(w, "lfp", [[1.0, bad]])));
        Assert.Contains("'lfp'", e.Message);
        Assert.Contains("index 1", e.Message);
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
