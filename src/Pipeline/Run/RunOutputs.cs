using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Blocks.Sinks;
using HybridLfp.Streaming.Blocks.Sinks.Hdf5;
using HybridLfp.Streaming.Blocks.Sinks.Parquet;
using HybridLfp.Streaming.Pipeline.Recipe;
using HybridLfp.Streaming.Pipeline.Run.Outputs;

namespace HybridLfp.Streaming.Pipeline.Run;

/// <summary>
/// Creates the file sinks of a run in its output directory, one method per format. Formats this build cannot write
/// are reported in <see cref="Skipped"/>; when none of the requested formats is available, CSV is written so a run
/// always leaves its signals behind. To add a format: one method here and one case in <see cref="Create"/>.
/// </summary>
public sealed class RunOutputs(RecipeDescription recipe, IReadOnlyList<ProbeLayout> probes, string directory)
{
    private readonly List<OutputFormat> _skipped = [];

    /// <summary>Requested formats that this build does not write.</summary>
    public IReadOnlyList<OutputFormat> Skipped => _skipped;

    /// <summary>Output directory (created if missing).</summary>
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>Written files, for the final summary.</summary>
    public List<string> Files { get; } = [];

    /// <summary>The sinks for <paramref name="formats"/> (the recipe's when null).</summary>
    public IReadOnlyList<IWindowSink> Create(IEnumerable<OutputFormat>? formats = null)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var sinks = new List<IWindowSink>();
        foreach (var format in (formats ?? recipe.Outputs.Formats).Distinct())
        {
            var sink = format switch
            {
                OutputFormat.Csv => Csv(),
                OutputFormat.Hdf5 => Hdf5(),
                OutputFormat.Parquet => Parquet(),
                _ => null,
            };
            if (sink is null)
            {
                _skipped.Add(format);
            }
            else
            {
                sinks.Add(sink);
            }
        }

        if (sinks.Count == 0)
        {
            sinks.Add(Csv());
        }

        return sinks;
    }

    /// <summary>Long-format CSV <c>OUT/signals.csv</c> (probe, population, channel, t_ms, value).</summary>
    public IWindowSink Csv()
    {
        var path = Path.Combine(Directory, "signals.csv");
        Files.Add(path);
        return new CsvSink(path, recipe.DtOutputMs);
    }

    /// <summary>
    /// <c>OUT/signals.h5</c> (a group per probe, a dataset per population and <c>sum</c>, channels × samples) plus the
    /// hybridLFPy-compatible <c>&lt;Probe&gt;_sum.h5</c> and <c>populations/&lt;y&gt;_population_&lt;Probe&gt;.h5</c>.
    /// </summary>
    public IWindowSink Hdf5()
    {
        var populations = recipe.Populations.Select(y => y.Name).ToArray();
        Files.Add(Hdf5SignalFiles.SignalsPath(Directory));
        Files.AddRange(probes.Select(p => Hdf5SignalFiles.SumPath(Directory, p.Name)));
        Files.AddRange(probes.SelectMany(p => populations.Select(y => Hdf5SignalFiles.PopulationPath(Directory, y, p.Name))));
        return new Hdf5SignalSink(Directory, recipe.DtOutputMs, probes, populations);
    }

    // Rows per Parquet row group: 64 Ki rows of 5 columns ≈ 1–2 MB buffered; the footer then grows by one row group
    // per 64 Ki rows instead of one per window.
    private const int ParquetRowsPerRowGroup = 1 << 16;

    /// <summary>
    /// Long-format Parquet <c>OUT/signals.parquet</c> (probe, population, channel, t_ms, value), row groups of whole
    /// windows and at least 64 Ki rows.
    /// </summary>
    public IWindowSink Parquet()
    {
        var path = Path.Combine(Directory, "signals.parquet");
        Files.Add(path);
        return new ParquetSink(path, new ParquetSinkOptions { DtOutputMs = recipe.DtOutputMs, MinRowsPerRowGroup = ParquetRowsPerRowGroup });
    }

    /// <summary>
    /// Cell metadata <c>OUT/cells.h5</c> (<see cref="CellMetadataRecorder"/>: soma positions, rotations, synapse tables),
    /// filled by the run from the built cells before it simulates.
    /// </summary>
    public CellMetadataRecorder CellMetadata()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, CellMetadataWriter.FileName);
        var recorder = new CellMetadataRecorder(recipe, path);
        Files.Add(path);
        return recorder;
    }

    /// <summary>
    /// The kept single-cell contributions (<c>OUT/cells/&lt;y&gt;_cell&lt;k&gt;.h5</c>, <see cref="SingleCellContributions"/>),
    /// or null when the recipe's <c>single_cell_fraction</c> keeps no cell. <paramref name="listFiles"/>: add the files
    /// to <see cref="Files"/> (on the writer rank; every rank writes its own cells).
    /// </summary>
    public SingleCellContributions? SingleCells(bool listFiles)
    {
        var contributions = new SingleCellContributions(recipe, probes, Directory);
        if (contributions.Kept.All(k => k.IsEmpty))
        {
            return null;
        }

        System.IO.Directory.CreateDirectory(Directory);
        if (listFiles)
        {
            Files.AddRange(contributions.Files);
        }

        return contributions;
    }

    /// <summary>Closes file sinks (the graph completes them; this also covers a fault before the graph ran).</summary>
    public static async ValueTask DisposeAsync(IEnumerable<IWindowSink> sinks)
    {
        foreach (var sink in sinks)
        {
            if (sink is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
            }
            else if (sink is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }
    }
}
