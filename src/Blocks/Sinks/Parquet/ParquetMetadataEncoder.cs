using System.Buffers;
using HybridLfp.Streaming.Blocks.Sinks.Parquet.Thrift;

namespace HybridLfp.Streaming.Blocks.Sinks.Parquet;

/// <summary>
/// Encodes Parquet's PageHeader and FileMetaData (parquet.thrift) with the Thrift compact protocol. Field ids and
/// enum values are those of parquet.thrift; only the fields our writer uses are written.
/// </summary>
internal static class ParquetMetadataEncoder
{
    // parquet.thrift enum values.
    private const int PageTypeDataPage = 0;
    private const int EncodingPlain = 0;
    private const int EncodingRle = 3;
    private const int RepetitionRequired = 0;
    private const int ConvertedTypeUtf8 = 0;
    private const int FileFormatVersion = 1;

    /// <summary>PageHeader of a DataPage v1 with PLAIN values (levels declared RLE, absent since the column is required).</summary>
    public static void WriteDataPageHeader(IBufferWriter<byte> output, int valueCount, int uncompressedBytes, int compressedBytes)
    {
        var w = new ThriftCompactWriter(output);
        w.WriteStructBegin();
        w.WriteI32Field(1, PageTypeDataPage);
        w.WriteI32Field(2, uncompressedBytes);
        w.WriteI32Field(3, compressedBytes);
        w.WriteStructFieldBegin(5); // data_page_header
        w.WriteI32Field(1, valueCount);
        w.WriteI32Field(2, EncodingPlain);
        w.WriteI32Field(3, EncodingRle); // definition_level_encoding
        w.WriteI32Field(4, EncodingRle); // repetition_level_encoding
        w.WriteStructEnd();
        w.WriteStructEnd();
    }

    public static void WriteFileMetaData(IBufferWriter<byte> output, IReadOnlyList<ParquetColumn> schema,
        IReadOnlyList<ParquetRowGroupMetadata> rowGroups, IReadOnlyList<KeyValuePair<string, string>> keyValues, string createdBy)
    {
        var w = new ThriftCompactWriter(output);
        w.WriteStructBegin();
        w.WriteI32Field(1, FileFormatVersion);

        // Schema: the root group then one leaf per column (depth-first order).
        w.WriteListFieldBegin(2, ThriftCompactType.Struct, schema.Count + 1);
        w.WriteStructBegin();
        w.WriteStringField(4, "schema");
        w.WriteI32Field(5, schema.Count);
        w.WriteStructEnd();
        foreach (var column in schema)
        {
            w.WriteStructBegin();
            w.WriteI32Field(1, PhysicalType(column.Type));
            w.WriteI32Field(3, RepetitionRequired);
            w.WriteStringField(4, column.Name);
            if (column.Type == ParquetColumnType.String)
            {
                w.WriteI32Field(6, ConvertedTypeUtf8);
                w.WriteStructFieldBegin(10); // logicalType (union)
                w.WriteStructFieldBegin(1); // STRING: StringType {}
                w.WriteStructEnd();
                w.WriteStructEnd();
            }

            w.WriteStructEnd();
        }

        w.WriteI64Field(3, rowGroups.Sum(g => g.RowCount));

        w.WriteListFieldBegin(4, ThriftCompactType.Struct, rowGroups.Count);
        foreach (var group in rowGroups)
        {
            WriteRowGroup(w, group);
        }

        if (keyValues.Count > 0)
        {
            w.WriteListFieldBegin(5, ThriftCompactType.Struct, keyValues.Count);
            foreach (var (key, value) in keyValues)
            {
                w.WriteStructBegin();
                w.WriteStringField(1, key);
                w.WriteStringField(2, value);
                w.WriteStructEnd();
            }
        }

        w.WriteStringField(6, createdBy);

        // column_orders: TypeDefinedOrder for every column, which makes min_value/max_value meaningful
        // (signed order for INT32/INT64/DOUBLE, unsigned byte-wise order for UTF-8 strings).
        w.WriteListFieldBegin(7, ThriftCompactType.Struct, schema.Count);
        for (var i = 0; i < schema.Count; i++)
        {
            w.WriteStructBegin();
            w.WriteStructFieldBegin(1); // TYPE_ORDER: TypeDefinedOrder {}
            w.WriteStructEnd();
            w.WriteStructEnd();
        }

        w.WriteStructEnd();
    }

    /// <summary>parquet.thrift <c>Type</c>: INT32 = 1, INT64 = 2, DOUBLE = 5, BYTE_ARRAY = 6.</summary>
    public static int PhysicalType(ParquetColumnType type) => type switch
    {
        ParquetColumnType.Int32 => 1,
        ParquetColumnType.Int64 => 2,
        ParquetColumnType.Double => 5,
        ParquetColumnType.String => 6,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown Parquet column type."),
    };

    private static void WriteRowGroup(ThriftCompactWriter w, ParquetRowGroupMetadata group)
    {
        w.WriteStructBegin();
        w.WriteListFieldBegin(1, ThriftCompactType.Struct, group.Columns.Length);
        foreach (var chunk in group.Columns)
        {
            w.WriteStructBegin();
            w.WriteI64Field(2, chunk.FileOffset);
            w.WriteStructFieldBegin(3); // meta_data
            w.WriteI32Field(1, PhysicalType(chunk.Column.Type));
            w.WriteListFieldBegin(2, ThriftCompactType.I32, 1);
            w.WriteI32(EncodingPlain);
            w.WriteListFieldBegin(3, ThriftCompactType.Binary, 1);
            w.WriteString(chunk.Column.Name);
            w.WriteI32Field(4, (int)chunk.Compression);
            w.WriteI64Field(5, chunk.ValueCount);
            w.WriteI64Field(6, chunk.TotalUncompressedBytes);
            w.WriteI64Field(7, chunk.TotalCompressedBytes);
            w.WriteI64Field(9, chunk.DataPageOffset);
            if (chunk.MinValue is not null && chunk.MaxValue is not null)
            {
                w.WriteStructFieldBegin(12); // statistics
                w.WriteI64Field(3, 0); // null_count
                w.WriteBinaryField(5, chunk.MaxValue);
                w.WriteBinaryField(6, chunk.MinValue);
                w.WriteStructEnd();
            }

            w.WriteStructEnd();
            w.WriteStructEnd();
        }

        w.WriteI64Field(2, group.TotalByteSize);
        w.WriteI64Field(3, group.RowCount);
        w.WriteI64Field(5, group.FileOffset);
        w.WriteI64Field(6, group.TotalCompressedSize);
        if (group.Ordinal <= short.MaxValue)
        {
            w.WriteI16Field(7, (short)group.Ordinal);
        }

        w.WriteStructEnd();
    }
}
