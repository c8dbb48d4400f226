using System.Globalization;
using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Blocks.Interop.Hdf5;

namespace HybridLfp.Streaming.Blocks.Sinks.Hdf5;

/// <summary>
/// Writes window frames into HDF5, window by window: <c>OUT/signals.h5</c> holds one group per probe (named as the
/// probe) with one float64 dataset per population and <c>sum</c>, each of shape (channels, samples), chunked and
/// extendible along samples (H5S_UNLIMITED). Windows are gathered per signal into one chunk's worth of samples and
/// then appended as one hyperslab (<see cref="Hdf5ColumnStage"/>), so memory is fixed whatever the duration. Attributes on every group and dataset:
/// <c>units</c> (variable-length UTF-8), <c>dt_output_ms</c> (ms) and <c>srate_Hz</c> (= 1000 / dt_output, Hz).
/// The root group carries <c>status</c>: "running" while open, then "complete" or "incomplete" (fault or cancel).
/// Unless switched off, hybridLFPy's files are written too: <c>OUT/&lt;Probe&gt;_sum.h5</c> and
/// <c>OUT/populations/&lt;y&gt;_population_&lt;Probe&gt;.h5</c> with dataset <c>data</c> (attribute <c>srate</c>,
/// Hz) and a scalar dataset <c>srate</c> (Hz; hybridLFPy writes <c>f['srate'] = 1E3 / dt_output</c>).
/// Files are created at construction when the layout is given, otherwise at the first frame.
/// Ownership and threading: the sink owns its files; calls come one at a time (the <see cref="IWindowSink"/>
/// contract). <see cref="CompleteAsync"/> (success or not) and <see cref="Dispose"/> flush and close every file.
/// </summary>
public sealed class Hdf5SignalSink : IWindowSink, IDisposable, IAsyncDisposable
{
    private readonly string _outputDirectory;
    private readonly double _dtOutputMs;
    private readonly Hdf5SignalSinkOptions _options;
    private readonly Hdf5OwnedObjects _owned = new();
    private readonly List<Hdf5File> _files = [];
    private Hdf5File? _signals;
    private IReadOnlyList<ProbeLayout>? _probes;
    private IReadOnlyList<string>? _populations;

    // [probe][population] with index populations.Count for the sum; the hybridLFPy copies in the same shape (or null).
    private Hdf5Matrix[][]? _datasets;
    private Hdf5Matrix[][]? _hybridLfpy;

    // [probe][population + sum]: the samples gathered for a chunk-sized write to _datasets and _hybridLfpy.
    private Hdf5ColumnStage[][]? _stages;
    private long _samplesWritten;
    private bool _closed;

    /// <summary>A sink that creates its files at the first frame.</summary>
    /// <param name="outputDirectory">Output folder (created if missing).</param>
    /// <param name="dtOutputMs">Output sampling interval, ms.</param>
    /// <param name="options">Options (null = defaults).</param>
    public Hdf5SignalSink(string outputDirectory, double dtOutputMs, Hdf5SignalSinkOptions? options = null)
    {
        if (!(dtOutputMs > 0) || double.IsInfinity(dtOutputMs))
        {
            throw new ArgumentOutOfRangeException(nameof(dtOutputMs), dtOutputMs, "dt_output must be a positive number of ms");
        }

        _outputDirectory = outputDirectory;
        _dtOutputMs = dtOutputMs;
        _options = options ?? Hdf5SignalSinkOptions.Default;
    }

    /// <summary>A sink that creates its files (empty, readable) right away for the given probes and populations.</summary>
    public Hdf5SignalSink(string outputDirectory, double dtOutputMs, IReadOnlyList<ProbeLayout> probes, IReadOnlyList<string> populations,
        Hdf5SignalSinkOptions? options = null)
        : this(outputDirectory, dtOutputMs, options)
    {
        Open(probes, populations);
    }

    /// <summary>Samples written so far per dataset.</summary>
    public long SamplesWritten => _samplesWritten;

    public ValueTask WriteAsync(WindowFrame frame, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_datasets is null)
        {
            Open(frame.Probes, frame.Populations);
        }

        CheckLayout(frame);
        int n = frame.Window.SampleCount;
        for (int p = 0; p < _probes!.Count; p++)
        {
            int length = _probes[p].ChannelCount * n;
            int populations = _populations!.Count;
            for (int y = 0; y <= populations; y++)
            {
                var buffer = (y < populations ? frame.PopulationSums[p][y] : frame.Totals[p]).AsSpan(0, length);
                _stages![p][y].Append(buffer, n);
            }
        }

        _samplesWritten += n;
        if (_options.FlushEveryWindow)
        {
            FlushStages();
            foreach (var file in _files)
            {
                file.Flush();
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask CompleteAsync(bool success)
    {
        Close(success);
        return ValueTask.CompletedTask;
    }

    /// <summary>Closes every file (as an unsuccessful completion if <see cref="CompleteAsync"/> was not called).</summary>
    public void Dispose() => Close(success: false);

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Close(success: false);
        return ValueTask.CompletedTask;
    }

    private void Close(bool success)
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        List<Exception>? errors = null;
        try
        {
            FlushStages();
        }
        catch (Hdf5Exception e)
        {
            (errors ??= []).Add(e);
            success = false;
        }

        try
        {
            _signals?.WriteUtf8Attribute("status", success ? "complete" : "incomplete", replace: true);
        }
        catch (Hdf5Exception e)
        {
            (errors ??= []).Add(e);
        }

        _owned.DisposeAll(ref errors);
        if (errors is not null)
        {
            throw new AggregateException($"closing the HDF5 outputs in {_outputDirectory}", errors);
        }
    }

    private void Open(IReadOnlyList<ProbeLayout> probes, IReadOnlyList<string> populations)
    {
        if (_datasets is not null)
        {
            throw new InvalidOperationException("the HDF5 sink is already open");
        }

        Validate(probes, populations);
        _probes = [.. probes];
        _populations = [.. populations];
        Directory.CreateDirectory(_outputDirectory);
        double srateHz = 1000.0 / _dtOutputMs;
        try
        {
            _signals = Own(Hdf5File.Create(Hdf5SignalFiles.SignalsPath(_outputDirectory)));
            _files.Add(_signals);
            _signals.WriteUtf8Attribute("status", "running");
            _signals.WriteDoubleAttribute("dt_output_ms", _dtOutputMs);
            _signals.WriteDoubleAttribute("srate_Hz", srateHz);
            _signals.WriteUtf8Attribute("populations", string.Join(",", _populations));
            _datasets = new Hdf5Matrix[_probes.Count][];
            for (int p = 0; p < _probes.Count; p++)
            {
                var probe = _probes[p];
                var group = Own(_signals.CreateGroup(probe.Name));
                WriteSignalAttributes((k, v) => group.WriteUtf8Attribute(k, v), group.WriteDoubleAttribute, probe.Units, srateHz);
                group.WriteDoubleAttribute("channels", probe.ChannelCount);
                _datasets[p] = new Hdf5Matrix[_populations.Count + 1];
                for (int y = 0; y <= _populations.Count; y++)
                {
                    string name = y < _populations.Count ? _populations[y] : Hdf5SignalFiles.SumDatasetName;
                    var dataset = Own(group.CreateExtendibleMatrix(name, probe.ChannelCount, ChunkSamples(probe.ChannelCount)));
                    WriteSignalAttributes(dataset.WriteUtf8Attribute, dataset.WriteDoubleAttribute, probe.Units, srateHz);
                    _datasets[p][y] = dataset;
                }
            }

            if (_options.HybridLfpyFiles)
            {
                Directory.CreateDirectory(Path.Combine(_outputDirectory, Hdf5SignalFiles.PopulationsFolder));
                _hybridLfpy = new Hdf5Matrix[_probes.Count][];
                for (int p = 0; p < _probes.Count; p++)
                {
                    _hybridLfpy[p] = new Hdf5Matrix[_populations.Count + 1];
                    for (int y = 0; y <= _populations.Count; y++)
                    {
                        string path = y < _populations.Count
                            ? Hdf5SignalFiles.PopulationPath(_outputDirectory, _populations[y], _probes[p].Name)
                            : Hdf5SignalFiles.SumPath(_outputDirectory, _probes[p].Name);
                        var file = Own(Hdf5File.Create(path));
                        _files.Add(file);
                        file.WriteScalarDataset("srate", srateHz);
                        var data = Own(file.CreateExtendibleMatrix("data", _probes[p].ChannelCount, ChunkSamples(_probes[p].ChannelCount)));
                        data.WriteDoubleAttribute("srate", srateHz);
                        data.WriteUtf8Attribute("units", _probes[p].Units);
                        _hybridLfpy[p][y] = data;
                    }
                }
            }

            _stages = new Hdf5ColumnStage[_probes.Count][];
            for (int p = 0; p < _probes.Count; p++)
            {
                _stages[p] = new Hdf5ColumnStage[_populations.Count + 1];
                for (int y = 0; y <= _populations.Count; y++)
                {
                    Hdf5Matrix[] targets = _hybridLfpy is null ? [_datasets[p][y]] : [_datasets[p][y], _hybridLfpy[p][y]];
                    _stages[p][y] = new Hdf5ColumnStage(_probes[p].ChannelCount, ChunkSamples(_probes[p].ChannelCount), targets);
                }
            }

            foreach (var file in _files)
            {
                file.Flush();
            }
        }
        catch
        {
            Close(success: false);
            throw;
        }
    }

    private void FlushStages()
    {
        foreach (var perPopulation in _stages ?? [])
        {
            foreach (var stage in perPopulation)
            {
                stage.Flush();
            }
        }
    }

    private T Own<T>(T item)
        where T : IDisposable => _owned.Add(item);

    private void WriteSignalAttributes(Action<string, string> text, Action<string, double> number, string units, double srateHz)
    {
        text("units", units);
        number("dt_output_ms", _dtOutputMs);
        number("srate_Hz", srateHz);
    }

    private int ChunkSamples(int channels) => _options.ChunkSamples is { } c and > 0 ? c : Math.Max(64, 8192 / Math.Max(1, channels));

    private static void Validate(IReadOnlyList<ProbeLayout> probes, IReadOnlyList<string> populations)
    {
        var problems = new List<string>();
        var probeNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var probe in probes)
        {
            if (string.IsNullOrWhiteSpace(probe.Name) || probe.Name.Contains('/') || probe.Name is "." or "..")
            {
                problems.Add($"probe name '{probe.Name}' cannot name an HDF5 group (empty, '.', '..' or containing '/')");
            }
            else if (!probeNames.Add(probe.Name))
            {
                problems.Add($"probe name '{probe.Name}' appears twice");
            }

            if (probe.ChannelCount <= 0)
            {
                problems.Add($"probe '{probe.Name}' has {probe.ChannelCount} channels");
            }
        }

        var populationNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var population in populations)
        {
            if (string.IsNullOrWhiteSpace(population) || population.Contains('/') || population is "." or ".." || population == Hdf5SignalFiles.SumDatasetName)
            {
                problems.Add($"population name '{population}' cannot name a dataset (empty, '.', '..', 'sum' or containing '/')");
            }
            else if (!populationNames.Add(population))
            {
                problems.Add($"population name '{population}' appears twice");
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("HDF5 sink: " + string.Join("; ", problems));
        }
    }

    private void CheckLayout(WindowFrame frame)
    {
        var probes = _probes!;
        var populations = _populations!;
        if (frame.Probes.Count != probes.Count || frame.Populations.Count != populations.Count)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"window {frame.Window.Index}: {frame.Probes.Count} probes and {frame.Populations.Count} populations, but the HDF5 files were opened for {probes.Count} and {populations.Count}"));
        }

        for (int p = 0; p < probes.Count; p++)
        {
            if (frame.Probes[p].ChannelCount != probes[p].ChannelCount || frame.Probes[p].Name != probes[p].Name)
            {
                throw new InvalidOperationException($"window {frame.Window.Index}: probe {p} is '{frame.Probes[p].Name}' with {frame.Probes[p].ChannelCount} channels; the files hold '{probes[p].Name}' with {probes[p].ChannelCount}");
            }
        }

        if (frame.Window.FirstSample != _samplesWritten)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"window {frame.Window.Index} starts at sample {frame.Window.FirstSample}, but {_samplesWritten} samples were written: windows must arrive in order without gaps"));
        }
    }
}
