using System.IO.Compression;

namespace HybridLfp.Streaming.Blocks.Sinks.Parquet;

/// <summary>Options of <see cref="ParquetSink"/>; copied at construction.</summary>
public sealed record ParquetSinkOptions
{
    /// <summary>Output sampling interval, ms (t_ms = sample index × DtOutputMs, as in <see cref="CsvSink"/>).</summary>
    public required double DtOutputMs { get; init; }

    public ParquetSinkLayout Layout { get; init; } = ParquetSinkLayout.Long;

    public ParquetCompression Compression { get; init; } = ParquetCompression.Uncompressed;

    public CompressionLevel CompressionLevel { get; init; } = CompressionLevel.Fastest;

    /// <summary>Windows per row group (≥ 1). With more than 1 the sink keeps copies of up to this many windows.</summary>
    public int WindowsPerRowGroup { get; init; } = 1;

    /// <summary>Target uncompressed size of a data page, bytes.</summary>
    public int PageSizeBytes { get; init; } = 1 << 20;
}
