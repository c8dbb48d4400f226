using HybridLfp.Streaming.Blocks.Distributed;
using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Blocks.Sinks;
using HybridLfp.Streaming.Numerics;
using HybridLfp.Streaming.Pipeline.Building;
using HybridLfp.Streaming.Pipeline.Recipe;
using HybridLfp.Streaming.Pipeline.Run.Engine;

namespace HybridLfp.Streaming.Pipeline.Run;

/// <summary>What <c>hlfp run</c> does, as a library call: load, override, build, run with the engine, write outputs.</summary>
public static class RecipeRunner
{
    /// <summary>Loads a recipe (YAML/JSON, or a hybrid reference case file) and applies command-line overrides.</summary>
    /// <param name="path">recipe file.</param>
    /// <param name="tstopMs">new tstop, ms (a whole number of output samples), or null.</param>
    public static RecipeDescription Load(string path, double? tstopMs = null)
    {
        var recipe = RecipeLoader.LoadFile(path);
        if (tstopMs is { } t)
        {
            var samples = t / recipe.DtOutputMs;
            if (!(t > 0) || Math.Abs(samples - Math.Round(samples)) > 1e-9 * Math.Max(1, samples))
            {
                throw new InputException("--tstop", $"expected a positive multiple of dt_output = {recipe.DtOutputMs} ms, got {t}");
            }

            recipe = recipe with { TstopMs = t };
        }

        return recipe;
    }

    /// <summary>Runs <paramref name="recipe"/> with the real engine into <paramref name="sinks"/>.</summary>
    /// <param name="recipe">the recipe.</param>
    /// <param name="sinks">where window frames go.</param>
    /// <param name="threads">worker threads (results do not depend on it).</param>
    /// <param name="progress">progress printer, or null.</param>
    /// <param name="spikes">spike sources; default the recipe's own.</param>
    /// <param name="context">the ranks (collective when several: sinks and progress on rank 0 only); default one process.</param>
    /// <param name="singleCells">kept single-cell contributions (every rank writes its own cells' files), or null.</param>
    /// <param name="builtCells">sees every built cell on the writer rank (e.g. <see cref="Outputs.CellMetadataRecorder"/>), or null.</param>
    /// <param name="cancellationToken">stops the run cleanly (sinks are completed).</param>
    public static async Task<RunSummary> RunAsync(RecipeDescription recipe, IReadOnlyList<IWindowSink> sinks, int threads,
        RunProgressPrinter? progress = null, ISpikeSourceFactory? spikes = null, IDistributedContext? context = null,
        Outputs.SingleCellContributions? singleCells = null, IBuiltCellsObserver? builtCells = null,
        CancellationToken cancellationToken = default)
    {
        progress?.Building(recipe.Populations.Sum(y => y.CellCount), BatchPlan.Create(recipe).Length);
        try
        {
            return await EngineHybridRun.Create(spikes, context, singleCells, builtCells).RunAsync(recipe, sinks,
                new StreamingGraphOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e) when (e is not ArgumentNullException)
        {
            throw new InputException(recipe.BaseDirectory, e.Message, 0, e);
        }
    }

    /// <summary>The probe layouts the engine produces for <paramref name="recipe"/>.</summary>
    public static IReadOnlyList<ProbeLayout> ProbeLayouts(RecipeDescription recipe) =>
        new EngineCellBatchKernelFactory(new DiscretizedMorphologyProvider()).ProbeLayouts(recipe);

    /// <summary>Segments per cell of a population (for reports).</summary>
    public static ICellSegments Segments(PopulationDescription population) => PopulationMorphology.Create(population).Segments;
}
