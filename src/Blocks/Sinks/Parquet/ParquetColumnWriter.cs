using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace HybridLfp.Streaming.Blocks.Sinks.Parquet;

/// <summary>
/// Writes the values of one column chunk as PLAIN-encoded DataPage v1 pages, each closed when its values reach
/// <see cref="ParquetWriterOptions.PageSizeBytes"/>; memory is one page. Obtained from
/// <see cref="ParquetRowGroupWriter.BeginColumn"/>; the writer object is reused for every chunk of a file, so it is
/// valid only until the next <c>BeginColumn</c> or the row group's <c>Complete</c>. Not thread-safe.
/// </summary>
public sealed class ParquetColumnWriter
{
    private readonly ParquetFileWriter _file;
    private readonly ParquetWriterOptions _options;
    private readonly ParquetPageCompressor _compressor;
    private readonly ArrayBufferWriter<byte> _page = new();
    private readonly ArrayBufferWriter<byte> _header = new(64);
    private readonly ParquetColumnStatistics _statistics = new();
    private byte[] _utf8 = new byte[256];
    private int _pageValueCount;
    private long _valueCount;
    private long _startOffset;
    private long _firstPageOffset;
    private long _uncompressedBytes;
    private long _compressedBytes;

    internal ParquetColumnWriter(ParquetFileWriter file, ParquetWriterOptions options)
    {
        _file = file;
        _options = options;
        _compressor = new ParquetPageCompressor(options.Compression, options.CompressionLevel);
        Column = new ParquetColumn("", ParquetColumnType.Int32);
    }

    /// <summary>The column being written.</summary>
    public ParquetColumn Column { get; private set; }

    /// <summary>Values written to this chunk so far.</summary>
    public long ValueCount => _valueCount;

    public void WriteInt32(ReadOnlySpan<int> values)
    {
        Expect(ParquetColumnType.Int32);
        if (_options.WriteStatistics)
        {
            foreach (var v in values)
            {
                _statistics.AddInteger(v);
            }
        }

        AppendFixed(values);
    }

    /// <summary>Writes <paramref name="value"/> <paramref name="count"/> times.</summary>
    public void WriteInt32(int value, int count)
    {
        Expect(ParquetColumnType.Int32);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return;
        }

        if (_options.WriteStatistics)
        {
            _statistics.AddInteger(value);
        }

        for (var i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(_page.GetSpan(4), value);
            _page.Advance(4);
            ValueAppended();
        }
    }

    public void WriteInt64(ReadOnlySpan<long> values)
    {
        Expect(ParquetColumnType.Int64);
        if (_options.WriteStatistics)
        {
            foreach (var v in values)
            {
                _statistics.AddInteger(v);
            }
        }

        AppendFixed(values);
    }

    public void WriteDouble(ReadOnlySpan<double> values)
    {
        Expect(ParquetColumnType.Double);
        if (_options.WriteStatistics)
        {
            foreach (var v in values)
            {
                _statistics.AddDouble(v);
            }
        }

        AppendFixed(values);
    }

    public void WriteDouble(double value)
    {
        Expect(ParquetColumnType.Double);
        if (_options.WriteStatistics)
        {
            _statistics.AddDouble(value);
        }

        BinaryPrimitives.WriteDoubleLittleEndian(_page.GetSpan(8), value);
        _page.Advance(8);
        ValueAppended();
    }

    /// <summary>Writes the UTF-8 string <paramref name="value"/> <paramref name="count"/> times (4-byte length + bytes each).</summary>
    public void WriteString(string value, int count = 1)
    {
        Expect(ParquetColumnType.String);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(value);
        if (count == 0)
        {
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        if (_utf8.Length < length)
        {
            _utf8 = new byte[Math.Max(length, _utf8.Length * 2)];
        }

        Encoding.UTF8.GetBytes(value, _utf8);
        var bytes = _utf8.AsSpan(0, length);
        if (_options.WriteStatistics)
        {
            _statistics.AddBytes(bytes);
        }

        for (var i = 0; i < count; i++)
        {
            var span = _page.GetSpan(4 + length);
            BinaryPrimitives.WriteInt32LittleEndian(span, length);
            bytes.CopyTo(span[4..]);
            _page.Advance(4 + length);
            ValueAppended();
        }
    }

    internal void Begin(ParquetColumn column, long startOffset)
    {
        Column = column;
        _statistics.Reset(column.Type);
        _page.ResetWrittenCount();
        _pageValueCount = 0;
        _valueCount = 0;
        _startOffset = startOffset;
        _firstPageOffset = -1;
        _uncompressedBytes = 0;
        _compressedBytes = 0;
    }

    /// <summary>Flushes the last page and returns the chunk's footer record (null when the chunk has no values).</summary>
    internal ParquetColumnChunkMetadata? Complete()
    {
        if (_pageValueCount > 0)
        {
            FlushPage();
        }

        if (_valueCount == 0)
        {
            return null;
        }

        var (min, max) = _options.WriteStatistics ? _statistics.Encode() : (null, null);
        return new ParquetColumnChunkMetadata(Column, _options.Compression, _valueCount, _startOffset, _firstPageOffset,
            _uncompressedBytes, _compressedBytes, min, max);
    }

    private void AppendFixed<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        // PLAIN is little-endian; the constructor of ParquetFileWriter rejects big-endian hosts, so raw bytes do.
        var size = Marshal.SizeOf<T>();
        while (!values.IsEmpty)
        {
            var room = Math.Max(1, (_options.PageSizeBytes - _page.WrittenCount) / size);
            var take = Math.Min(room, values.Length);
            var bytes = MemoryMarshal.AsBytes(values[..take]);
            bytes.CopyTo(_page.GetSpan(bytes.Length));
            _page.Advance(bytes.Length);
            _pageValueCount += take;
            _valueCount += take;
            values = values[take..];
            if (_page.WrittenCount >= _options.PageSizeBytes)
            {
                FlushPage();
            }
        }
    }

    private void ValueAppended()
    {
        _pageValueCount++;
        _valueCount++;
        if (_page.WrittenCount >= _options.PageSizeBytes)
        {
            FlushPage();
        }
    }

    private void Expect(ParquetColumnType type)
    {
        if (Column.Type != type)
        {
            throw new InvalidOperationException($"Parquet column '{Column.Name}' is {Column.Type}; cannot write {type} values to it.");
        }
    }

    private void FlushPage()
    {
        var body = _page.WrittenSpan;
        var compressed = _compressor.Compress(body);
        _header.ResetWrittenCount();
        ParquetMetadataEncoder.WriteDataPageHeader(_header, _pageValueCount, body.Length, compressed.Length);
        if (_firstPageOffset < 0)
        {
            _firstPageOffset = _file.Position;
        }

        _file.WriteRaw(_header.WrittenSpan);
        _file.WriteRaw(compressed);
        _uncompressedBytes += _header.WrittenCount + body.Length;
        _compressedBytes += _header.WrittenCount + compressed.Length;
        _page.ResetWrittenCount();
        _pageValueCount = 0;
    }
}
