using System.IO.Compression;

namespace HybridLfp.Streaming.Blocks.Sinks.Parquet;

/// <summary>Options of <see cref="ParquetFileWriter"/>; copied at construction.</summary>
public sealed record ParquetWriterOptions
{
    /// <summary>Codec for every data page.</summary>
    public ParquetCompression Compression { get; init; } = ParquetCompression.Uncompressed;

    /// <summary>Level for GZIP/BROTLI (BCL levels).</summary>
    public CompressionLevel CompressionLevel { get; init; } = CompressionLevel.Fastest;

    /// <summary>A data page is closed once its uncompressed values reach this many bytes (bounds memory per column).</summary>
    public int PageSizeBytes { get; init; } = 1 << 20;

    /// <summary>Write min/max statistics (and null_count = 0) per column chunk.</summary>
    public bool WriteStatistics { get; init; } = true;

    /// <summary>The footer's created_by ("application version X").</summary>
    public string CreatedBy { get; init; } = "hybridlfp-streaming version 0.1.0";
}
