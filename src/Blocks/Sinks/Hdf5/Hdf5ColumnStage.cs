using HybridLfp.Streaming.Blocks.Interop.Hdf5;

namespace HybridLfp.Streaming.Blocks.Sinks.Hdf5;

/// <summary>
/// Gathers the samples of consecutive windows for one signal (rows = channels) and appends them to its datasets in
/// one write of up to <c>capacityColumns</c> samples, instead of extending every dataset by each (often 1 ms)
/// window: a window append is five HDF5 calls per dataset, which cost ~15 % of a brunel run's CPU. Memory is fixed
/// (rows × capacity values). <see cref="Flush"/> writes what is gathered; the writers call it before closing their
/// files, also after a fault or cancellation, so no sample handed to them is lost. Used by
/// <see cref="Hdf5SignalSink"/> (row-major windows) and <see cref="Hdf5CellContributionWriter"/> (sample-major).
/// </summary>
internal sealed class Hdf5ColumnStage
{
    private readonly int _rows;
    private readonly int _capacity; // samples
    private readonly double[] _buffer; // rows × capacity, row-major
    private readonly Hdf5Matrix[] _targets;
    private int _columns;

    /// <param name="rows">channels.</param>
    /// <param name="capacityColumns">samples gathered before a write (≥ 1).</param>
    /// <param name="targets">datasets that receive the same samples (e.g. signals.h5 and the hybridLFPy file).</param>
    public Hdf5ColumnStage(int rows, int capacityColumns, params Hdf5Matrix[] targets)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacityColumns);
        _rows = rows;
        _capacity = capacityColumns;
        _buffer = new double[rows * capacityColumns];
        _targets = targets;
    }

    /// <summary>Adds <paramref name="columns"/> samples given row-major (rows × columns), writing when the stage is full.</summary>
    public void Append(ReadOnlySpan<double> rowMajor, int columns)
    {
        if (rowMajor.Length != _rows * columns)
        {
            throw new ArgumentException($"expected {_rows} × {columns} values, got {rowMajor.Length}", nameof(rowMajor));
        }

        if (_columns + columns > _capacity)
        {
            Flush();
        }

        if (columns >= _capacity)
        {
            Write(rowMajor, columns); // a window at least as long as the stage goes straight through
            return;
        }

        for (var r = 0; r < _rows; r++)
        {
            rowMajor.Slice(r * columns, columns).CopyTo(_buffer.AsSpan((r * _capacity) + _columns, columns));
        }

        _columns += columns;
    }

    /// <summary>
    /// Adds <paramref name="columns"/> samples given sample-major (value of channel c at sample s at s·rows + c),
    /// transposed into the stage and written whenever it fills.
    /// </summary>
    public void AppendSampleMajor(ReadOnlySpan<double> sampleMajor, int columns)
    {
        if (sampleMajor.Length != _rows * columns)
        {
            throw new ArgumentException($"expected {columns} samples × {_rows} channels, got {sampleMajor.Length} values", nameof(sampleMajor));
        }

        while (columns > 0)
        {
            var take = Math.Min(_capacity - _columns, columns);
            for (var s = 0; s < take; s++)
            {
                for (var r = 0; r < _rows; r++)
                {
                    _buffer[(r * _capacity) + _columns + s] = sampleMajor[(s * _rows) + r];
                }
            }

            sampleMajor = sampleMajor[(take * _rows)..];
            columns -= take;
            _columns += take;
            if (_columns == _capacity)
            {
                Flush();
            }
        }
    }

    /// <summary>Writes the gathered samples, if any.</summary>
    public void Flush()
    {
        if (_columns == 0)
        {
            return;
        }

        // Rows are _capacity apart in the buffer; the datasets take rows × _columns contiguous. Moving rows down in
        // increasing order never overwrites a row not yet moved (row r goes from r·capacity to r·columns ≤ r·capacity).
        if (_columns < _capacity)
        {
            for (var r = 1; r < _rows; r++)
            {
                _buffer.AsSpan(r * _capacity, _columns).CopyTo(_buffer.AsSpan(r * _columns, _columns));
            }
        }

        var columns = _columns;
        _columns = 0;
        Write(_buffer.AsSpan(0, _rows * columns), columns);
    }

    private void Write(ReadOnlySpan<double> rowMajor, int columns)
    {
        foreach (var target in _targets)
        {
            target.AppendColumns(rowMajor, columns);
        }
    }
}
