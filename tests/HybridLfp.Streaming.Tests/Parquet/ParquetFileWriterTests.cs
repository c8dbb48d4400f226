using System.Text;
using HybridLfp.Streaming.Blocks.Sinks.Parquet;

namespace HybridLfp.Streaming.Tests.Parquet;

/// <summary>Files from <see cref="ParquetFileWriter"/> read back with hyparquet: every value compared exactly.</summary>
public sealed class ParquetFileWriterTests : IDisposable
{
    private static readonly ParquetColumn[] AllTypes =
    [
        new("i32", ParquetColumnType.Int32),
        new("i64", ParquetColumnType.Int64),
        new("f64", ParquetColumnType.Double),
        new("text", ParquetColumnType.String),
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("hlfp-parquet-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed record Group(int[] I32, long[] I64, double[] F64, string[] Text);

    private static Group Edges() => new(
        [0, 1, -1, int.MinValue, int.MaxValue, 42],
        [0, -1, long.MinValue, long.MaxValue, 1L << 40, -(1L << 53) - 1],
        [0.1, -0.0, double.Epsilon, double.MaxValue, double.NegativeInfinity, 1.0 / 3.0],
        ["", "µV", "日本語", "🧠 LFP", new string('x', 300), "plain"]);

    private static Group Random(int rows, int seed)
    {
        var rng = new Random(seed);
        return new(
            [.. Enumerable.Range(0, rows).Select(_ => rng.Next(int.MinValue, int.MaxValue))],
            [.. Enumerable.Range(0, rows).Select(_ => rng.NextInt64(long.MinValue, long.MaxValue))],
            [.. Enumerable.Range(0, rows).Select(_ => (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-30, 30)))],
            [.. Enumerable.Range(0, rows).Select(i => i % 7 == 0 ? "" : $"s{rng.Next(1000)}é")]);
    }

    private static void AssertGroupsRead(HyparquetReader read, IReadOnlyList<Group> groups)
    {
        Assert.Equal(["i32", "i64", "f64", "text"], read.ColumnNames);
        Assert.Equal(groups.Sum(g => g.I32.Length), read.RowCount);
        Assert.Equal(groups.Count, read.RowGroups.Length);
        Assert.Equal(groups.SelectMany(g => g.I32), read.Int32s("i32"));
        Assert.Equal(groups.SelectMany(g => g.I64), read.Int64s("i64"));
        read.AssertDoubles("f64", [.. groups.SelectMany(g => g.F64)]);
        Assert.Equal(groups.SelectMany(g => g.Text), read.Strings("text"));
    }

    [Fact]
    public void All_column_types_in_several_row_groups_round_trip()
    {
        var path = Path.Combine(_dir, "types.parquet");
        Group[] groups = [Edges(), Random(1, 1), Random(257, 2)];
        using (var writer = ParquetFileWriter.Create(path, AllTypes))
        {
            foreach (var g in groups)
            {
                writer.WriteRowGroup(g.I32, g.I64, g.F64, g.Text);
            }

            writer.AddKeyValueMetadata("units", "mV");
        }

        var read = HyparquetReader.Read(path);
        AssertGroupsRead(read, groups);

        // Schema annotations and footer fields, as hyparquet decodes them.
        var schema = read.Metadata.GetProperty("schema").EnumerateArray().ToArray();
        Assert.Equal(["INT32", "INT64", "DOUBLE", "BYTE_ARRAY"], schema.Select(s => s.GetProperty("type").GetString()));
        Assert.All(schema, s => Assert.Equal("REQUIRED", s.GetProperty("repetition_type").GetString()));
        Assert.Equal("UTF8", schema[3].GetProperty("converted_type").GetString());
        Assert.Equal("STRING", schema[3].GetProperty("logical_type").GetString());
        Assert.Equal(new string?[] { "mV" }, read.KeyValue("units"));
        Assert.StartsWith("hybridlfp-streaming", read.Metadata.GetProperty("created_by").GetString());

        // Statistics per chunk, expected values from LINQ over the inputs (doubles: NaN-free here; −0.0 for a zero min).
        for (var g = 0; g < groups.Length; g++)
        {
            var chunks = read.RowGroups[g].GetProperty("columns").EnumerateArray().ToArray();
            Assert.Equal(groups[g].I32.Length.ToString(), read.RowGroups[g].GetProperty("num_rows").GetString());
            Assert.Equal(groups[g].I32.Min(), chunks[0].GetProperty("min_value").GetInt32());
            Assert.Equal(groups[g].I32.Max(), chunks[0].GetProperty("max_value").GetInt32());
            Assert.Equal(groups[g].I64.Min().ToString(), chunks[1].GetProperty("min_value").GetString());
            Assert.Equal(groups[g].I64.Max().ToString(), chunks[1].GetProperty("max_value").GetString());
            var min = groups[g].F64.Min();
            Assert.Equal(HyparquetReader.Hex(min == 0 ? -0.0 : min), chunks[2].GetProperty("min_value").GetString());
            Assert.Equal(HyparquetReader.Hex(groups[g].F64.Max()), chunks[2].GetProperty("max_value").GetString());
            var ordinal = groups[g].Text.Order(Comparer<string>.Create((a, b) =>
                Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b)))).ToArray();
            Assert.Equal(ordinal[0], chunks[3].GetProperty("min_value").GetString());
            Assert.Equal(ordinal[^1], chunks[3].GetProperty("max_value").GetString());
            Assert.All(chunks, c => Assert.Equal("0", c.GetProperty("null_count").GetString()));
        }
    }

    [Theory]
    [InlineData(ParquetCompression.Uncompressed, "UNCOMPRESSED")]
    [InlineData(ParquetCompression.Gzip, "GZIP")]
    [InlineData(ParquetCompression.Brotli, "BROTLI")]
    public void Each_codec_with_many_pages_round_trips(ParquetCompression codec, string codecName)
    {
        var path = Path.Combine(_dir, $"{codec}.parquet");
        // 300-byte pages: a few values per page, so every chunk has many pages.
        var options = new ParquetWriterOptions { Compression = codec, PageSizeBytes = 300 };
        Group[] groups = [Edges(), Random(500, 3), Random(40, 4)];
        using (var writer = ParquetFileWriter.Create(path, AllTypes, options))
        {
            foreach (var g in groups)
            {
                writer.WriteRowGroup(g.I32, g.I64, g.F64, g.Text);
            }
        }

        var read = HyparquetReader.Read(path);
        AssertGroupsRead(read, groups);
        foreach (var group in read.RowGroups)
        {
            Assert.All(group.GetProperty("columns").EnumerateArray(), c => Assert.Equal(codecName, c.GetProperty("codec").GetString()));
        }
    }

    [Theory]
    [InlineData(ParquetCompression.Gzip)]
    [InlineData(ParquetCompression.Brotli)]
    public void Compressed_chunks_of_repetitive_data_are_smaller(ParquetCompression codec)
    {
        var path = Path.Combine(_dir, $"repeat-{codec}.parquet");
        var values = Enumerable.Range(0, 20000).Select(i => (double)(i % 10)).ToArray();
        using (var writer = ParquetFileWriter.Create(path, [new("v", ParquetColumnType.Double)], new() { Compression = codec }))
        {
            writer.WriteRowGroup(values);
        }

        var read = HyparquetReader.Read(path);
        read.AssertDoubles("v", values);
        var chunk = read.RowGroups[0].GetProperty("columns")[0];
        var compressed = long.Parse(chunk.GetProperty("total_compressed_size").GetString()!);
        var uncompressed = long.Parse(chunk.GetProperty("total_uncompressed_size").GetString()!);
        Assert.True(compressed * 10 < uncompressed, $"{codec}: {compressed} B compressed vs {uncompressed} B");
    }

    [Fact]
    public void Page_split_matches_hand_computed_sizes()
    {
        // 1000 doubles, 256-byte pages → 31 pages of 32 values + 1 of 8. Each page header encodes to 19 bytes:
        // 15 00 | 15 vv vv (zigzag 512 or 128: 2 bytes) | same | 2C | 15 n (zigzag 64 or 16: 1 byte) | 15 00 | 15 06 | 15 06 | 00 | 00.
        var path = Path.Combine(_dir, "pages.parquet");
        var values = Enumerable.Range(0, 1000).Select(i => i * 0.5).ToArray();
        using (var writer = ParquetFileWriter.Create(path, [new("v", ParquetColumnType.Double)], new() { PageSizeBytes = 256 }))
        {
            writer.WriteRowGroup(values);
        }

        var read = HyparquetReader.Read(path);
        read.AssertDoubles("v", values);
        var chunk = read.RowGroups[0].GetProperty("columns")[0];
        Assert.Equal((8000 + (32 * 19)).ToString(), chunk.GetProperty("total_uncompressed_size").GetString());
        Assert.Equal("4", chunk.GetProperty("data_page_offset").GetString()); // right after "PAR1"
    }

    [Fact]
    public void A_row_group_left_open_by_a_fault_is_dropped_and_the_file_reads()
    {
        var path = Path.Combine(_dir, "fault.parquet");
        var first = Random(10, 5);
        using (var writer = ParquetFileWriter.Create(path, AllTypes))
        {
            writer.WriteRowGroup(first.I32, first.I64, first.F64, first.Text);
            var open = writer.BeginRowGroup();
            open.BeginColumn().WriteInt32([1, 2, 3]);
            open.BeginColumn().WriteInt64([1, 2]);
            // A fault here: Dispose without completing the row group.
        }

        var read = HyparquetReader.Read(path);
        AssertGroupsRead(read, [first]);
    }

    [Fact]
    public void Mismatched_column_lengths_are_rejected_and_leave_a_valid_file()
    {
        var path = Path.Combine(_dir, "mismatch.parquet");
        var good = Random(3, 6);
        using (var writer = ParquetFileWriter.Create(path, AllTypes))
        {
            writer.WriteRowGroup(good.I32, good.I64, good.F64, good.Text);
            var e = Assert.Throws<InvalidOperationException>(() => writer.WriteRowGroup(new[] { 1, 2 }, new[] { 1L }, new[] { 1.0, 2.0 }, new[] { "a", "b" }));
            Assert.Contains("'i64' has 1 values", e.Message);
            Assert.Throws<ArgumentException>(() => writer.WriteRowGroup(new[] { 1.0 }, new[] { 1L }, new[] { 1.0 }, new[] { "a" }));
        }

        AssertGroupsRead(HyparquetReader.Read(path), [good]);
    }

    [Fact]
    public void A_file_without_row_groups_reads_as_an_empty_table()
    {
        var path = Path.Combine(_dir, "empty.parquet");
        new ParquetFileWriter(File.Create(path), AllTypes).Dispose();
        var read = HyparquetReader.Read(path);
        Assert.Equal(0, read.RowCount);
        Assert.Empty(read.RowGroups);
        Assert.Equal(["i32", "i64", "f64", "text"], read.ColumnNames);
    }

    [Fact]
    public void Nan_is_stored_and_left_out_of_statistics()
    {
        var path = Path.Combine(_dir, "nan.parquet");
        double[] values = [double.NaN, 2.5, -1.25, double.NaN, 0.0];
        using (var writer = ParquetFileWriter.Create(path, [new("v", ParquetColumnType.Double)]))
        {
            writer.WriteRowGroup(values);
            writer.WriteRowGroup(new[] { double.NaN });
            writer.WriteRowGroup(new[] { -1.0, -0.0, -2.0, 0.0 });
            writer.WriteRowGroup(new[] { 3.0, -0.0, 0.0 });
        }

        var read = HyparquetReader.Read(path);
        read.AssertDoubles("v", [.. values, double.NaN, -1.0, -0.0, -2.0, 0.0, 3.0, -0.0, 0.0]);
        var chunk = read.RowGroups[0].GetProperty("columns")[0];
        Assert.Equal(HyparquetReader.Hex(-1.25), chunk.GetProperty("min_value").GetString());
        Assert.Equal(HyparquetReader.Hex(2.5), chunk.GetProperty("max_value").GetString());
        // All-NaN chunk: no min/max at all.
        var nanChunk = read.RowGroups[1].GetProperty("columns")[0];
        Assert.Equal(System.Text.Json.JsonValueKind.Null, nanChunk.GetProperty("min_value").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, nanChunk.GetProperty("max_value").ValueKind);

        // Zeros in statistics: a zero maximum is written as +0.0, a zero minimum as −0.0 (spec), whatever the sign stored.
        var maxZero = read.RowGroups[2].GetProperty("columns")[0];
        Assert.Equal(HyparquetReader.Hex(-2.0), maxZero.GetProperty("min_value").GetString());
        Assert.Equal("0000000000000000", maxZero.GetProperty("max_value").GetString());
        var minZero = read.RowGroups[3].GetProperty("columns")[0];
        Assert.Equal("8000000000000000", minZero.GetProperty("min_value").GetString());
        Assert.Equal(HyparquetReader.Hex(3.0), minZero.GetProperty("max_value").GetString());
    }
}
