using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Immutable;

namespace HybridLfp.Streaming.Blocks.Sinks.Parquet;

/// <summary>
/// Streaming Parquet writer for flat required columns: <c>PAR1</c>, then row groups as they are written (column
/// chunks of PLAIN DataPage v1 pages, optionally GZIP/BROTLI compressed), and at <see cref="Complete"/> (or
/// <see cref="Dispose"/>) the Thrift-compact FileMetaData, its 4-byte little-endian length and <c>PAR1</c>.
/// Memory is one page plus the footer's per-row-group records. A row group left open by a fault is omitted from the
/// footer, so a file closed after a fault is still valid. Owns its stream unless told otherwise; not thread-safe.
/// </summary>
public sealed class ParquetFileWriter : IDisposable
{
    private static ReadOnlySpan<byte> Magic => "PAR1"u8;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly ParquetWriterOptions _options;
    private readonly ParquetColumnWriter _columnWriter;
    private readonly List<ParquetRowGroupMetadata> _rowGroups = [];
    private readonly List<KeyValuePair<string, string>> _keyValues = [];
    private ParquetRowGroupWriter? _openRowGroup;
    private bool _completed;
    private bool _disposed;

    public ParquetFileWriter(Stream stream, IReadOnlyList<ParquetColumn> schema, ParquetWriterOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(schema);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The Parquet writer encodes PLAIN values from memory and needs a little-endian host.");
        }

        if (schema.Count == 0)
        {
            throw new ArgumentException("A Parquet schema needs at least one column.", nameof(schema));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in schema)
        {
            if (string.IsNullOrEmpty(column.Name) || !names.Add(column.Name))
            {
                throw new ArgumentException($"Parquet column names must be non-empty and unique; got '{column.Name}'.", nameof(schema));
            }
        }

        _options = options ?? new ParquetWriterOptions();
        if (_options.PageSizeBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.PageSizeBytes, "PageSizeBytes must be positive.");
        }

        Schema = [.. schema];
        _stream = stream;
        _leaveOpen = leaveOpen;
        _columnWriter = new ParquetColumnWriter(this, _options);
        WriteRaw(Magic);
    }

    /// <summary>Creates (or overwrites) <paramref name="path"/>.</summary>
    public static ParquetFileWriter Create(string path, IReadOnlyList<ParquetColumn> schema, ParquetWriterOptions? options = null)
    {
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1 << 16);
        try
        {
            return new ParquetFileWriter(stream, schema, options);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public ImmutableArray<ParquetColumn> Schema { get; }

    /// <summary>Row groups recorded so far.</summary>
    public int RowGroupCount => _rowGroups.Count;

    /// <summary>Rows in the recorded row groups.</summary>
    public long RowCount { get; private set; }

    /// <summary>Bytes written to the stream so far.</summary>
    public long Position { get; private set; }

    /// <summary>Adds a key/value pair to the footer's key_value_metadata.</summary>
    public void AddKeyValueMetadata(string key, string value)
    {
        ThrowIfCompleted();
        _keyValues.Add(new(key, value));
    }

    /// <summary>Starts a row group; only one may be open at a time.</summary>
    public ParquetRowGroupWriter BeginRowGroup()
    {
        ThrowIfCompleted();
        if (_openRowGroup is { IsOpen: true })
        {
            throw new InvalidOperationException("The previous row group is still open; complete it first.");
        }

        _openRowGroup = new ParquetRowGroupWriter(this, _columnWriter, Position);
        return _openRowGroup;
    }

    /// <summary>
    /// Writes a whole row group from one array per column in schema order: <c>int[]</c> for INT32, <c>long[]</c>
    /// for INT64, <c>double[]</c> for DOUBLE, <c>string[]</c> for STRING.
    /// </summary>
    public void WriteRowGroup(params IReadOnlyList<Array> columns)
    {
        if (columns.Count != Schema.Length)
        {
            throw new ArgumentException($"Expected {Schema.Length} columns, got {columns.Count}.", nameof(columns));
        }

        var group = BeginRowGroup();
        try
        {
            for (var i = 0; i < columns.Count; i++)
            {
                var writer = group.BeginColumn();
                switch (columns[i])
                {
                    case int[] ints when Schema[i].Type == ParquetColumnType.Int32:
                        writer.WriteInt32(ints);
                        break;
                    case long[] longs when Schema[i].Type == ParquetColumnType.Int64:
                        writer.WriteInt64(longs);
                        break;
                    case double[] doubles when Schema[i].Type == ParquetColumnType.Double:
                        writer.WriteDouble(doubles);
                        break;
                    case string[] strings when Schema[i].Type == ParquetColumnType.String:
                        foreach (var s in strings)
                        {
                            writer.WriteString(s);
                        }

                        break;
                    default:
                        throw new ArgumentException(
                            $"Column '{Schema[i].Name}' is {Schema[i].Type}; got {columns[i].GetType().Name}.", nameof(columns));
                }
            }

            group.Complete();
        }
        catch
        {
            group.Abandon();
            throw;
        }
    }

    /// <summary>Writes the footer and flushes. A row group still open is dropped (fault path). Idempotent.</summary>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        _openRowGroup?.Abandon();
        _completed = true;
        var footer = new ArrayBufferWriter<byte>(1024);
        ParquetMetadataEncoder.WriteFileMetaData(footer, Schema, _rowGroups, _keyValues, _options.CreatedBy);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, footer.WrittenCount);
        WriteRaw(footer.WrittenSpan);
        WriteRaw(length);
        WriteRaw(Magic);
        _stream.Flush();
    }

    /// <summary>Flushes written row groups to the underlying stream (the file is readable only after <see cref="Complete"/>).</summary>
    public void Flush() => _stream.Flush();

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            Complete();
        }
        finally
        {
            _disposed = true;
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
    }

    internal void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        _stream.Write(bytes);
        Position += bytes.Length;
    }

    internal void AddRowGroup(ImmutableArray<ParquetColumnChunkMetadata> chunks, long rows, long startOffset)
    {
        _rowGroups.Add(new ParquetRowGroupMetadata(chunks, rows, startOffset, _rowGroups.Count));
        RowCount += rows;
    }

    private void ThrowIfCompleted()
    {
        if (_completed)
        {
            throw new InvalidOperationException("The Parquet file is already completed.");
        }
    }
}
