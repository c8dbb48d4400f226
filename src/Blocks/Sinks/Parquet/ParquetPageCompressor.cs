using System.IO.Compression;

namespace HybridLfp.Streaming.Blocks.Sinks.Parquet;

/// <summary>Compresses one page body at a time into a reused buffer (valid until the next call).</summary>
internal sealed class ParquetPageCompressor
{
    private readonly ParquetCompression _compression;
    private readonly CompressionLevel _level;
    private readonly MemoryStream _buffer = new();

    public ParquetPageCompressor(ParquetCompression compression, CompressionLevel level)
    {
        if (compression is not (ParquetCompression.Uncompressed or ParquetCompression.Gzip or ParquetCompression.Brotli))
        {
            throw new ArgumentOutOfRangeException(nameof(compression), compression, "Supported codecs: Uncompressed, Gzip, Brotli.");
        }

        _compression = compression;
        _level = level;
    }

    public ReadOnlySpan<byte> Compress(ReadOnlySpan<byte> page)
    {
        if (_compression == ParquetCompression.Uncompressed)
        {
            return page;
        }

        _buffer.SetLength(0);
        using (Stream codec = _compression == ParquetCompression.Gzip
                   ? new GZipStream(_buffer, _level, leaveOpen: true)
                   : new BrotliStream(_buffer, _level, leaveOpen: true))
        {
            codec.Write(page);
        }

        return _buffer.GetBuffer().AsSpan(0, (int)_buffer.Length);
    }
}
