using HybridLfp.Streaming.Blocks.Sinks;
using HybridLfp.Streaming.Blocks.Sinks.Hdf5;
using HybridLfp.Streaming.Blocks.Sinks.Parquet;
using HybridLfp.Streaming.Pipeline.Reporting;
using HybridLfp.Streaming.Pipeline.Run;

namespace HybridLfp.Streaming.Pipeline.Demo;

/// <summary>What the demo wrote (absolute paths) and the run summary.</summary>
public sealed record DemoResult(string OutputDirectory, RunSummary Summary, long InputSpikes, IReadOnlyList<string> Files);

/// <summary>
/// <c>hlfp demo</c> as a library call: writes the demo's own morphologies and Poisson spikes into OUT, builds
/// <see cref="DemoRecipe"/>, runs it with the engine (<see cref="RecipeRunner"/>) into the HDF5
/// (<c>signals.h5</c> + hybridLFPy files), CSV (<c>signals.csv</c>) and Parquet (<c>signals.parquet</c>) sinks,
/// then writes <c>run.json</c>, <c>lfp_csd.svg</c> and <c>report.html</c>. Uses nothing outside OUT.
/// </summary>
public static class DemoRun
{
    public static async Task<DemoResult> RunAsync(string outputDirectory, DemoOptions options, int threads,
        RunProgressPrinter? progress = null, CancellationToken cancellationToken = default)
    {
        var output = Path.GetFullPath(outputDirectory);
        Directory.CreateDirectory(output);
        var (pyramidal, ballAndStick) = DemoInputs.WriteMorphologies(output);
        var (exSpikes, inSpikes, spikeCount) = await DemoInputs.WriteSpikesAsync(output, options, cancellationToken).ConfigureAwait(false);
        var recipe = DemoRecipe.Create(options, output, pyramidal, ballAndStick, exSpikes, inSpikes);
        var layouts = RecipeRunner.ProbeLayouts(recipe);
        var populations = recipe.Populations.Select(y => y.Name).ToArray();
        var files = new List<string> { "signals.h5", "signals.csv", "signals.parquet" };
        files.AddRange(layouts.Select(p => Path.GetRelativePath(output, Hdf5SignalFiles.SumPath(output, p.Name))));
        files.AddRange(layouts.SelectMany(p => populations.Select(y => Path.GetRelativePath(output, Hdf5SignalFiles.PopulationPath(output, y, p.Name)))));
        var hdf5 = new Hdf5SignalSink(output, recipe.DtOutputMs, layouts, populations);
        var csv = new CsvSink(Path.Combine(output, "signals.csv"), recipe.DtOutputMs);
        var parquet = new ParquetSink(Path.Combine(output, "signals.parquet"), new ParquetSinkOptions { DtOutputMs = recipe.DtOutputMs });
        IWindowSink[] sinks = [hdf5, csv, parquet];
        RunSummary? summary = null;
        try
        {
            summary = await RecipeRunner.RunAsync(recipe, sinks, threads, progress, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The graph completes the sinks; closing again is a no-op and guards against a fault before the graph ran.
            hdf5.Dispose();
            parquet.Dispose();
            await csv.DisposeAsync().ConfigureAwait(false);

            RunManifestFile.Write(output, RunManifestFile.Create(recipe, layouts, recipePath: null,
                [.. files, "spikes/EX.dat", "spikes/IN.dat"], summary, complete: summary is not null) with
            {
                Network = [.. recipe.Network.Select(x => new RunManifestNetworkPopulation(x.Name, x.FirstGid, x.Count,
                    [.. x.Source.Files.Select(f => Path.GetRelativePath(output, f))]))],
            });
        }

        var depths = DemoRecipe.ContactDepthsUm;
        LfpCsdFigure.Write(output, layouts[0].Name, layouts[1].Name, depths, depths);
        await RunOutputReport.WriteAsync(output, cancellationToken: cancellationToken).ConfigureAwait(false);
        files.AddRange([RunManifest.FileName, LfpCsdFigure.FileName, RunOutputReport.FileName]);
        return new DemoResult(output, summary!, spikeCount, [.. files.Select(f => Path.Combine(output, f))]);
    }
}
