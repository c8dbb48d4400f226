namespace HybridLfp.Streaming.Blocks.Sinks.Parquet;

/// <summary>Column types our writer supports: flat, required (no nulls, no nesting).</summary>
public enum ParquetColumnType
{
    /// <summary>Physical INT32, 4 bytes little-endian.</summary>
    Int32,

    /// <summary>Physical INT64, 8 bytes little-endian.</summary>
    Int64,

    /// <summary>Physical DOUBLE, IEEE 754 binary64 little-endian.</summary>
    Double,

    /// <summary>Physical BYTE_ARRAY holding UTF-8, annotated with logical type STRING (converted type UTF8).</summary>
    String,
}
