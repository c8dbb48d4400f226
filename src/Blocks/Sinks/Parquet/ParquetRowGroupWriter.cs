using System.Collections.Immutable;

namespace HybridLfp.Streaming.Blocks.Sinks.Parquet;

/// <summary>
/// Writes one row group column by column in schema order: call <see cref="BeginColumn"/> once per column, write its
/// values, then <see cref="Complete"/>. Every column must receive the same number of values. A row group never
/// completed (fault) is left out of the footer: the file stays valid without it. Not thread-safe.
/// </summary>
public sealed class ParquetRowGroupWriter
{
    private readonly ParquetFileWriter _file;
    private readonly ParquetColumnWriter _columnWriter;
    private readonly ImmutableArray<ParquetColumnChunkMetadata>.Builder _chunks;
    private readonly long _startOffset;
    private int _nextColumn;
    private bool _columnOpen;

    internal ParquetRowGroupWriter(ParquetFileWriter file, ParquetColumnWriter columnWriter, long startOffset)
    {
        _file = file;
        _columnWriter = columnWriter;
        _startOffset = startOffset;
        _chunks = ImmutableArray.CreateBuilder<ParquetColumnChunkMetadata>(file.Schema.Length);
    }

    internal bool IsOpen { get; private set; } = true;

    /// <summary>Completes the previous column (if any) and starts the next one in schema order.</summary>
    public ParquetColumnWriter BeginColumn()
    {
        ThrowIfClosed();
        CompleteOpenColumn();
        if (_nextColumn >= _file.Schema.Length)
        {
            throw new InvalidOperationException($"All {_file.Schema.Length} columns of this row group were already written.");
        }

        _columnWriter.Begin(_file.Schema[_nextColumn], _file.Position);
        _nextColumn++;
        _columnOpen = true;
        return _columnWriter;
    }

    /// <summary>Completes the last column and records the row group in the footer (a row group of 0 rows is dropped).</summary>
    public void Complete()
    {
        ThrowIfClosed();
        CompleteOpenColumn();
        IsOpen = false;
        if (_nextColumn != _file.Schema.Length)
        {
            throw new InvalidOperationException($"Row group completed after {_nextColumn} of {_file.Schema.Length} columns; the row group is dropped.");
        }

        if (_chunks.Count == 0)
        {
            return; // no rows: nothing was written.
        }

        if (_chunks.Count != _file.Schema.Length)
        {
            throw new InvalidOperationException("Some columns of this row group have values and others none; the row group is dropped.");
        }

        var rows = _chunks[0].ValueCount;
        foreach (var chunk in _chunks)
        {
            if (chunk.ValueCount != rows)
            {
                throw new InvalidOperationException(
                    $"Column '{chunk.Column.Name}' has {chunk.ValueCount} values, column '{_chunks[0].Column.Name}' {rows}; the row group is dropped.");
            }
        }

        _file.AddRowGroup(_chunks.MoveToImmutable(), rows, _startOffset);
    }

    /// <summary>Drops this row group from the footer (bytes already written stay in the file, unreferenced).</summary>
    internal void Abandon() => IsOpen = false;

    private void CompleteOpenColumn()
    {
        if (!_columnOpen)
        {
            return;
        }

        _columnOpen = false;
        var chunk = _columnWriter.Complete();
        if (chunk is not null)
        {
            _chunks.Add(chunk);
        }
    }

    private void ThrowIfClosed()
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException("This row group is already completed or abandoned.");
        }
    }
}
