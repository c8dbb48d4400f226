using HybridLfp.Streaming.Pipeline.Recipe;
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
        var outputs = new RunOutputs(recipe, layouts, output);
        var sinks = outputs.Create([OutputFormat.Hdf5, OutputFormat.Csv, OutputFormat.Parquet]);
        RunSummary? summary = null;
        try
        {
            summary = await RecipeRunner.RunAsync(recipe, sinks, threads, progress, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The graph completes the sinks; closing again is a no-op and guards against a fault before the graph ran.
            await RunOutputs.DisposeAsync(sinks).ConfigureAwait(false);

            RunManifestFile.Write(output, RunManifestFile.Create(recipe, layouts, recipePath: null,
                [.. outputs.Files.Select(f => Path.GetRelativePath(output, f)), "spikes/EX.dat", "spikes/IN.dat"], summary,
                complete: summary is not null) with
            {
                Network = [.. recipe.Network.Select(x => new RunManifestNetworkPopulation(x.Name, x.FirstGid, x.Count,
                    [.. x.Source.Files.Select(f => Path.GetRelativePath(output, f))]))],
            });
        }

        var depths = DemoRecipe.ContactDepthsUm;
        LfpCsdFigure.Write(output, layouts[0].Name, layouts[1].Name, depths, depths);
        await RunOutputReport.WriteAsync(output, cancellationToken: cancellationToken).ConfigureAwait(false);
        string[] extras = [RunManifest.FileName, LfpCsdFigure.FileName, RunOutputReport.FileName];
        return new DemoResult(output, summary!, spikeCount, [.. outputs.Files, .. extras.Select(f => Path.Combine(output, f))]);
    }
}
