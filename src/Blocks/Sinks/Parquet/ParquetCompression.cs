namespace HybridLfp.Streaming.Blocks.Sinks.Parquet;

/// <summary>Page compression codecs; the values are parquet.thrift's <c>CompressionCodec</c> ids.</summary>
public enum ParquetCompression
{
    Uncompressed = 0,

    /// <summary>Gzip (RFC 1952) stream, written with <see cref="System.IO.Compression.GZipStream"/>.</summary>
    Gzip = 2,

    /// <summary>Raw Brotli stream (RFC 7932), written with <see cref="System.IO.Compression.BrotliStream"/>.</summary>
    Brotli = 4,
}
