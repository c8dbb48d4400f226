using System.Collections.Immutable;

namespace HybridLfp.Streaming.Blocks.Sinks.Parquet;

/// <summary>What the footer records about one row group.</summary>
internal sealed record ParquetRowGroupMetadata(
    ImmutableArray<ParquetColumnChunkMetadata> Columns,
    long RowCount,
    long FileOffset,
    int Ordinal)
{
    /// <summary>Sum of the chunks' uncompressed sizes, page headers included (parquet.thrift's total_byte_size).</summary>
    public long TotalByteSize => Columns.Sum(c => c.TotalUncompressedBytes);

    public long TotalCompressedSize => Columns.Sum(c => c.TotalCompressedBytes);
}
