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

    /// <summary>
    /// Minimum rows of a row group (≥ 0; the last one may have fewer): windows are buffered until both this and
    /// <see cref="WindowsPerRowGroup"/> are reached. The footer holds metadata for every row group, so row groups of
    /// a fixed row count (rather than one per window) keep the footer — held in memory until the file closes — from
    /// growing with the number of windows, i.e. with simulated duration. Long layout: a row per (probe, population,
    /// channel, sample); wide layout: a row per sample.
    /// </summary>
    public int MinRowsPerRowGroup { get; init; }

    /// <summary>Target uncompressed size of a data page, bytes.</summary>
    public int PageSizeBytes { get; init; } = 1 << 20;
}
