namespace HybridLfp.Streaming.Blocks.Sinks.Parquet;

/// <summary>One flat, required column of a Parquet schema.</summary>
public sealed record ParquetColumn(string Name, ParquetColumnType Type);
