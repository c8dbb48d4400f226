using System.Globalization;
using HybridLfp.Streaming.Blocks.Graph;

namespace HybridLfp.Streaming.Blocks.Sinks.Parquet;

/// <summary>
/// Writes window frames to Parquet with our own <see cref="ParquetFileWriter"/>, one row group per
/// <see cref="ParquetSinkOptions.WindowsPerRowGroup"/> windows and at least <see cref="ParquetSinkOptions.MinRowsPerRowGroup"/>
/// rows, flushed as they complete. Long layout: one file at
/// the given path, columns probe, population (<c>sum</c> for the total), channel, t_ms, value, rows ordered by window,
/// probe, population (total first), channel, sample. Wide layout: the path is a directory with one
/// <c>PROBE.parquet</c> per probe, columns t_ms and <c>POPULATION_chC</c> (DOUBLE, the probe's units). Units and
/// dt_output go into the footer's key/value metadata. <see cref="CompleteAsync"/> (success or not) writes the
/// buffered windows and the footers, so files stay readable after a fault or cancellation.
/// Called by the sink stage one frame at a time (not thread-safe).
/// </summary>
public sealed class ParquetSink : IWindowSink, IDisposable
{
    private static readonly ParquetColumn[] LongSchema =
    [
        new("probe", ParquetColumnType.String),
        new("population", ParquetColumnType.String),
        new("channel", ParquetColumnType.Int32),
        new("t_ms", ParquetColumnType.Double),
        new("value", ParquetColumnType.Double),
    ];

    private readonly string _path;
    private readonly ParquetSinkOptions _options;
    private readonly ParquetWriterOptions _writerOptions;
    private readonly List<BufferedWindow> _pending = [];
    private readonly Stack<BufferedWindow> _spare = new();
    private ParquetFileWriter[]? _writers;
    private IReadOnlyList<ProbeLayout>? _probes;
    private IReadOnlyList<string>? _populations;
    private bool _completed;
    private long _pendingRows;
    private long _longRowsPerSample; // long layout: Σ channels × (populations + total), set by Start

    /// <param name="path">the file (long layout) or the directory, created if missing (wide layout).</param>
    /// <param name="options">layout, codec, dt_output and row-group size.</param>
    public ParquetSink(string path, ParquetSinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.WindowsPerRowGroup < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.WindowsPerRowGroup, "WindowsPerRowGroup must be at least 1.");
        }

        if (options.MinRowsPerRowGroup < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MinRowsPerRowGroup, "MinRowsPerRowGroup must be at least 0.");
        }

        if (!(options.DtOutputMs > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.DtOutputMs, "DtOutputMs must be positive.");
        }

        _path = path;
        _options = options;
        _writerOptions = new ParquetWriterOptions
        {
            Compression = options.Compression,
            CompressionLevel = options.CompressionLevel,
            PageSizeBytes = options.PageSizeBytes,
        };

        if (options.Layout == ParquetSinkLayout.Long)
        {
            // The long schema does not depend on the frames: create the file now so a run without windows still
            // leaves a valid (empty) table.
            _writers = [ParquetFileWriter.Create(path, LongSchema, _writerOptions)];
            _writers[0].AddKeyValueMetadata("hybridlfp.dt_output_ms", Format(options.DtOutputMs));
        }
        else
        {
            Directory.CreateDirectory(path);
        }
    }

    public ValueTask WriteAsync(WindowFrame frame, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_completed, this);
        if (_probes is null)
        {
            Start(frame);
        }

        var rows = RowsOf(frame.Window);
        if (_pending.Count == 0 && _options.WindowsPerRowGroup == 1 && rows >= _options.MinRowsPerRowGroup)
        {
            // No copy: the frame is valid for the duration of this call.
            WriteRowGroups([new BufferedWindow(frame.Window, frame.PopulationSums, frame.Totals)]);
            return ValueTask.CompletedTask;
        }

        _pending.Add(Copy(frame));
        _pendingRows += rows;
        if (_pending.Count >= _options.WindowsPerRowGroup && _pendingRows >= _options.MinRowsPerRowGroup)
        {
            FlushPending();
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask CompleteAsync(bool success)
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Writes buffered windows (they are complete windows, also after a fault) and every file's footer.</summary>
    public void Dispose()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        try
        {
            if (_pending.Count > 0)
            {
                FlushPending();
            }
        }
        finally
        {
            List<Exception>? errors = null;
            foreach (var writer in _writers ?? [])
            {
                try
                {
                    writer.Dispose();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    (errors ??= []).Add(e);
                }
            }

            if (errors is not null)
            {
                throw new AggregateException($"Closing Parquet output '{_path}' failed.", errors);
            }
        }
    }

    private void Start(WindowFrame frame)
    {
        // "sum" names the total in both layouts; probe names name columns or files: both must be unambiguous.
        if (frame.Populations.Contains("sum"))
        {
            throw new InvalidOperationException($"Parquet output '{_path}': a population is named 'sum', which names the total of all populations.");
        }

        var duplicate = frame.Probes.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Parquet output '{_path}': two probes are named '{duplicate.Key}'.");
        }

        _probes = frame.Probes;
        _populations = frame.Populations;
        _longRowsPerSample = (long)_probes.Sum(p => p.ChannelCount) * (_populations.Count + 1);
        if (_options.Layout == ParquetSinkLayout.Long)
        {
            foreach (var probe in _probes)
            {
                _writers![0].AddKeyValueMetadata($"hybridlfp.units.{probe.Name}", probe.Units);
                _writers[0].AddKeyValueMetadata($"hybridlfp.channels.{probe.Name}", probe.ChannelCount.ToString(CultureInfo.InvariantCulture));
            }

            return;
        }

        var writers = new List<ParquetFileWriter>();
        try
        {
            foreach (var probe in _probes)
            {
                var schema = new List<ParquetColumn> { new("t_ms", ParquetColumnType.Double) };
                foreach (var population in PopulationNames())
                {
                    for (var c = 0; c < probe.ChannelCount; c++)
                    {
                        schema.Add(new($"{population}_ch{c.ToString(CultureInfo.InvariantCulture)}", ParquetColumnType.Double));
                    }
                }

                var file = Path.Combine(_path, SafeFileName(probe.Name) + ".parquet");
                var writer = ParquetFileWriter.Create(file, schema, _writerOptions);
                writers.Add(writer);
                writer.AddKeyValueMetadata("hybridlfp.probe", probe.Name);
                writer.AddKeyValueMetadata("hybridlfp.units", probe.Units);
                writer.AddKeyValueMetadata("hybridlfp.dt_output_ms", Format(_options.DtOutputMs));
            }
        }
        finally
        {
            _writers = [.. writers];
        }
    }

    private IEnumerable<string> PopulationNames() => _populations!.Prepend("sum");

    // Rows a window adds to a row group (see ParquetSinkOptions.MinRowsPerRowGroup).
    private long RowsOf(in WindowInfo window) => _options.Layout == ParquetSinkLayout.Long
        ? (long)window.SampleCount * _longRowsPerSample
        : window.SampleCount;

    private void FlushPending()
    {
        try
        {
            WriteRowGroups(_pending);
        }
        finally
        {
            foreach (var window in _pending)
            {
                _spare.Push(window);
            }

            _pending.Clear();
            _pendingRows = 0;
        }
    }

    private void WriteRowGroups(IReadOnlyList<BufferedWindow> windows)
    {
        if (_options.Layout == ParquetSinkLayout.Long)
        {
            WriteLongRowGroup(_writers![0], windows);
        }
        else
        {
            for (var p = 0; p < _probes!.Count; p++)
            {
                WriteWideRowGroup(_writers![p], p, windows);
            }
        }

        foreach (var writer in _writers!)
        {
            writer.Flush();
        }
    }

    private void WriteLongRowGroup(ParquetFileWriter writer, IReadOnlyList<BufferedWindow> windows)
    {
        var group = writer.BeginRowGroup();

        var column = group.BeginColumn(); // probe
        ForEachBlock(windows, (w, p, y, buffer) => column.WriteString(_probes![p].Name, buffer.Length));

        column = group.BeginColumn(); // population
        ForEachBlock(windows, (w, p, y, buffer) => column.WriteString(y < 0 ? "sum" : _populations![y], buffer.Length));

        column = group.BeginColumn(); // channel
        ForEachBlock(windows, (w, p, y, buffer) =>
        {
            for (var c = 0; c < _probes![p].ChannelCount; c++)
            {
                column.WriteInt32(c, w.Window.SampleCount);
            }
        });

        column = group.BeginColumn(); // t_ms
        ForEachBlock(windows, (w, p, y, buffer) =>
        {
            for (var c = 0; c < _probes![p].ChannelCount; c++)
            {
                WriteTimes(column, w.Window);
            }
        });

        column = group.BeginColumn(); // value: buffers are channel-major, the row order within a block
        ForEachBlock(windows, (w, p, y, buffer) => column.WriteDouble(buffer));

        group.Complete();
    }

    private void WriteWideRowGroup(ParquetFileWriter writer, int probe, IReadOnlyList<BufferedWindow> windows)
    {
        var group = writer.BeginRowGroup();
        var column = group.BeginColumn();
        foreach (var w in windows)
        {
            WriteTimes(column, w.Window);
        }

        var channels = _probes![probe].ChannelCount;
        for (var y = -1; y < _populations!.Count; y++)
        {
            for (var c = 0; c < channels; c++)
            {
                column = group.BeginColumn();
                foreach (var w in windows)
                {
                    var n = w.Window.SampleCount;
                    var buffer = y < 0 ? w.Totals[probe] : w.PopulationSums[probe][y];
                    column.WriteDouble(buffer.AsSpan(c * n, n));
                }
            }
        }

        group.Complete();
    }

    private void WriteTimes(ParquetColumnWriter column, WindowInfo window)
    {
        for (var s = 0; s < window.SampleCount; s++)
        {
            column.WriteDouble((window.FirstSample + s) * _options.DtOutputMs);
        }
    }

    /// <summary>Visits (window, probe, population (−1 = total), channels × samples buffer) in row order.</summary>
    private void ForEachBlock(IReadOnlyList<BufferedWindow> windows, Action<BufferedWindow, int, int, double[]> visit)
    {
        foreach (var w in windows)
        {
            for (var p = 0; p < _probes!.Count; p++)
            {
                for (var y = -1; y < _populations!.Count; y++)
                {
                    visit(w, p, y, y < 0 ? w.Totals[p] : w.PopulationSums[p][y]);
                }
            }
        }
    }

    private BufferedWindow Copy(WindowFrame frame)
    {
        // Reuse a spare copy when its buffers have the right lengths (every window but possibly the last).
        var copy = _spare.Count > 0 ? _spare.Pop() : null;
        var sums = copy?.PopulationSums ?? new double[frame.PopulationSums.Length][][];
        var totals = copy?.Totals ?? new double[frame.Totals.Length][];
        for (var p = 0; p < frame.Totals.Length; p++)
        {
            totals[p] = CopyInto(totals[p], frame.Totals[p]);
            sums[p] ??= new double[frame.PopulationSums[p].Length][];
            for (var y = 0; y < frame.PopulationSums[p].Length; y++)
            {
                sums[p][y] = CopyInto(sums[p][y], frame.PopulationSums[p][y]);
            }
        }

        return new BufferedWindow(frame.Window, sums, totals);
    }

    private static double[] CopyInto(double[]? target, double[] source)
    {
        if (target is null || target.Length != source.Length)
        {
            target = new double[source.Length];
        }

        source.CopyTo(target, 0);
        return target;
    }

    private static string SafeFileName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        return string.Concat(name.Select(ch => invalid.Contains(ch) ? '_' : ch));
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private sealed record BufferedWindow(WindowInfo Window, double[][][] PopulationSums, double[][] Totals);
}
