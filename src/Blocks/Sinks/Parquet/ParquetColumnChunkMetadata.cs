namespace HybridLfp.Streaming.Blocks.Sinks.Parquet;

/// <summary>What the footer records about one written column chunk (byte offsets are absolute in the file).</summary>
internal sealed record ParquetColumnChunkMetadata(
    ParquetColumn Column,
    ParquetCompression Compression,
    long ValueCount,
    long FileOffset,
    long DataPageOffset,
    long TotalUncompressedBytes,
    long TotalCompressedBytes,
    byte[]? MinValue,
    byte[]? MaxValue);
