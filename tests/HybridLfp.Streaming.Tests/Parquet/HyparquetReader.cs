using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HybridLfp.Streaming.Tests.Support;

namespace HybridLfp.Streaming.Tests.Parquet;

/// <summary>
/// Reads a Parquet file with hyparquet (npm, pure JS, independent of our writer) through
/// <c>tests/parquet-reader/read.mjs</c>, installed by <c>scripts/prereqs.sh</c>. DOUBLE values arrive as the hex of
/// their IEEE bits, INT64 as decimal strings, so comparisons are exact.
/// </summary>
internal sealed class HyparquetReader
{
    private readonly JsonElement _root;

    private HyparquetReader(JsonElement root)
    {
        _root = root;
    }

    public JsonElement Metadata => _root.GetProperty("metadata");

    public long RowCount => long.Parse(Metadata.GetProperty("num_rows").GetString()!, CultureInfo.InvariantCulture);

    public JsonElement[] RowGroups => [.. Metadata.GetProperty("row_groups").EnumerateArray()];

    public string[] ColumnNames => [.. Metadata.GetProperty("schema").EnumerateArray().Select(e => e.GetProperty("name").GetString()!)];

    public static HyparquetReader Read(string path)
    {
        var folder = Path.Combine(SharedPaths.RepoRoot, "tests", "parquet-reader");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "hyparquet")))
        {
            throw new InvalidOperationException($"The independent Parquet reader is not installed in {folder}: run scripts/prereqs.sh.");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("read.mjs");
        start.ArgumentList.Add(path);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"hyparquet could not read {path} (exit {process.ExitCode}): {stderr.Result}");
        }

        return new HyparquetReader(JsonDocument.Parse(stdout).RootElement.Clone());
    }

    public string?[] KeyValue(string key) =>
        [.. Metadata.GetProperty("key_value_metadata").EnumerateArray()
            .Where(kv => kv.GetProperty("key").GetString() == key)
            .Select(kv => kv.GetProperty("value").GetString())];

    public JsonElement[] Column(string name) => [.. _root.GetProperty("columns").GetProperty(name).EnumerateArray()];

    public string[] Strings(string name) => [.. Column(name).Select(e => e.GetString()!)];

    public int[] Int32s(string name) => [.. Column(name).Select(e => e.GetInt32())];

    public long[] Int64s(string name) => [.. Column(name).Select(e => long.Parse(e.GetString()!, CultureInfo.InvariantCulture))];

    /// <summary>The column's doubles as raw IEEE bits.</summary>
    public ulong[] DoubleBits(string name) => [.. Column(name).Select(e => ulong.Parse(e.GetString()!, NumberStyles.HexNumber, CultureInfo.InvariantCulture))];

    /// <summary>Asserts every value is bit-identical (NaN: any NaN, since JS engines may canonicalize NaN payloads).</summary>
    public void AssertDoubles(string name, IReadOnlyList<double> expected)
    {
        var actual = DoubleBits(name);
        Assert.Equal(expected.Count, actual.Length);
        for (var i = 0; i < actual.Length; i++)
        {
            if (double.IsNaN(expected[i]))
            {
                Assert.True(double.IsNaN(BitConverter.UInt64BitsToDouble(actual[i])), $"{name}[{i}]: expected NaN");
            }
            else if (BitConverter.DoubleToUInt64Bits(expected[i]) != actual[i])
            {
                Assert.Fail($"{name}[{i}]: expected {expected[i]:R} (0x{BitConverter.DoubleToUInt64Bits(expected[i]):x16}), read {BitConverter.UInt64BitsToDouble(actual[i]):R} (0x{actual[i]:x16})");
            }
        }
    }

    public static string Hex(double value) => BitConverter.DoubleToUInt64Bits(value).ToString("x16", CultureInfo.InvariantCulture);
}
