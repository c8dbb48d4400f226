using System.Globalization;
using HybridLfp.Streaming.Blocks.Distributed;
using HybridLfp.Streaming.Blocks.Sinks;
using HybridLfp.Streaming.Numerics;
using HybridLfp.Streaming.Pipeline.Recipe;
using HybridLfp.Streaming.Pipeline.Run;

namespace HybridLfp.Streaming.Cli.Commands;

/// <summary>`hlfp run RECIPE [--out DIR] [--threads N] [--tstop MS]`: the hybrid scheme end to end (logic in <see cref="RecipeRunner"/>).</summary>
internal sealed class RunCommand : ICliCommand
{
    private const string Usage = "usage: hlfp run RECIPE.(yaml|json) [--out DIR] [--threads N] [--tstop MS] [--format hdf5,parquet,csv]";

    public string Name => "run";

    public string Summary => "run a hybrid recipe (or an injected reference case) and write the signals: " + Usage[7..];

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        string? recipePath = null, outDir = null;
        var threads = Environment.ProcessorCount;
        double? tstop = null;
        IReadOnlyList<OutputFormat>? formats = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--out" or "-o":
                    outDir = Value(args, ref i);
                    break;
                case "--threads":
                    threads = int.TryParse(Value(args, ref i), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
                        ? n : throw new InputException("--threads", $"expected a whole number ≥ 1, got '{args[i]}'");
                    break;
                case "--tstop":
                    tstop = double.TryParse(Value(args, ref i), NumberStyles.Float, CultureInfo.InvariantCulture, out var t)
                        ? t : throw new InputException("--tstop", $"expected a time in ms, got '{args[i]}'");
                    break;
                case "--format":
                    formats = ParseFormats(Value(args, ref i));
                    break;
                case "-h" or "--help":
                    stdout.WriteLine(Usage);
                    stdout.WriteLine("  --format: the output files (default: the recipe's outputs.formats, else hdf5): signals.h5 + hybridLFPy");
                    stdout.WriteLine("  files, signals.parquet, signals.csv. run.json (what ran and the summary) is always written; see hlfp report.");
                    stdout.WriteLine("  Builds every cell of the recipe, streams the network spikes through the cell batches and writes the");
                    stdout.WriteLine("  per-population and summed probe signals to DIR (default: the recipe's outputs.directory).");
                    stdout.WriteLine("  With hdf5, cells.h5 holds the cell metadata (soma positions, rotations, synapse tables); a recipe's");
                    stdout.WriteLine("  single_cell_fraction > 0 keeps that fraction of cells' own signals in cells/<population>_cell<k>.h5.");
                    stdout.WriteLine("  A hybrid reference case file (../shared/reference/cases/hybrid_*.json) is accepted as an injected recipe.");
                    stdout.WriteLine("  Results are bit-identical for any --threads. Ctrl+C stops cleanly; written files stay readable.");
                    stdout.WriteLine("  Under mpirun (mpirun --allow-run-as-root --oversubscribe -np 2 hlfp run RECIPE.yaml) each rank simulates");
                    stdout.WriteLine("  its share of the cell batches and rank 0 writes the same bits as one process; a failure on any rank ends the job.");
                    return 0;
                default:
                    if (args[i].StartsWith('-') || recipePath is not null)
                    {
                        throw new InputException(args[i], "unexpected argument; " + Usage);
                    }

                    recipePath = args[i];
                    break;
            }
        }

        if (recipePath is null)
        {
            throw new InputException("hlfp run", "missing the recipe file; " + Usage);
        }

        if (!MpiContext.LaunchedByMpirun)
        {
            return await RunOnRanksAsync(LocalContext.Instance, recipePath, outDir, formats, threads, tstop, stderr, cancellationToken).ConfigureAwait(false);
        }

        // Under mpirun: every rank builds and simulates its own batches, rank 0 writes, prints progress and the summary.
        MpiContext context;
        try
        {
            context = MpiContext.Start();
        }
        catch (DllNotFoundException e)
        {
            stderr.WriteLine($"hlfp run: error: launched by mpirun but Open MPI could not be loaded: {e.Message}");
            return 2;
        }

        using var session = context;
        try
        {
            return await RunOnRanksAsync(context, recipePath, outDir, formats, threads, tstop, stderr, cancellationToken).ConfigureAwait(false);
        }
        catch (DistributedFaultException e)
        {
            if (context.Rank == DistributedStreamingGraph.WriterRank)
            {
                stderr.WriteLine($"hlfp run: error: {e.Message}");
                stderr.Flush();
                context.Abort(e.Message, 1); // ends every rank
            }

            // The other ranks wait for rank 0's abort, so the job's message is printed once before anything exits.
            await Task.Delay(TimeSpan.FromSeconds(30), CancellationToken.None).ConfigureAwait(false);
            context.Abort(e.Message, 1);
            return 1;
        }
    }

    /// <summary>The run on this rank (collective when the context has several ranks).</summary>
    private static async Task<int> RunOnRanksAsync(IDistributedContext context, string recipePath, string? outDir,
        IReadOnlyList<OutputFormat>? formats, int threads, double? tstop, TextWriter stderr, CancellationToken cancellationToken)
    {
        var writer = context.Rank == DistributedStreamingGraph.WriterRank;
        RecipeDescription recipe;
        if (context is LocalContext)
        {
            recipe = RecipeRunner.Load(recipePath, tstop);
        }
        else
        {
            // Every rank reads the recipe; a bad one is reported once, by rank 0, for the whole job.
            RecipeDescription? loaded = null;
            Exception? loadError = null;
            try
            {
                loaded = RecipeRunner.Load(recipePath, tstop);
            }
            catch (InputException e)
            {
                loadError = e;
            }

            DistributedFaults.ThrowIfAnyFailed(context, loadError);
            recipe = loaded!;
        }

        // File sinks exist on rank 0 only (the distributed graph writes there alone).
        var probes = RecipeRunner.ProbeLayouts(recipe);
        var outputs = new RunOutputs(recipe, probes, outDir ?? recipe.Outputs.Directory);
        var sinks = writer ? outputs.Create(formats) : [];
        foreach (var skipped in outputs.Skipped)
        {
            stderr.WriteLine($"hlfp run: note: output format {skipped} is not available in this build; skipped.");
        }

        var isTerminal = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
        var progress = writer ? new RunProgressPrinter(stderr, isTerminal, TimeSpan.FromSeconds(5)) : null;
        if (writer && context.Size > 1)
        {
            stderr.WriteLine($"hlfp run: {context.Size} MPI ranks");
        }

        // Cell metadata (cells.h5) goes with the HDF5 outputs, on rank 0; kept single cells (single_cell_fraction > 0) are
        // written by the rank that simulates them.
        using var metadata = writer && sinks.OfType<HybridLfp.Streaming.Blocks.Sinks.Hdf5.Hdf5SignalSink>().Any() ? outputs.CellMetadata() : null;
        using var singleCells = outputs.SingleCells(listFiles: writer);
        RunSummary? summary = null;
        try
        {
            summary = await RecipeRunner.RunAsync(recipe, sinks, threads, progress, context: context, singleCells: singleCells, builtCells: metadata,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await RunOutputs.DisposeAsync(sinks).ConfigureAwait(false);
            singleCells?.Complete(success: summary is not null);
            metadata?.Dispose();

            if (writer)
            {
                // run.json says what ran and whether it completed, also after a fault or Ctrl+C (hlfp report reads it).
                RunManifestFile.Write(outputs.Directory, RunManifestFile.Create(recipe, probes, recipePath,
                    outputs.Files.Select(f => Path.GetRelativePath(outputs.Directory, f)), summary, complete: summary is not null));
            }
        }

        if (writer)
        {
            stderr.WriteLine($"hlfp run: {summary!}");
            foreach (var file in outputs.Files)
            {
                stderr.WriteLine($"hlfp run: wrote {file}");
            }
        }

        return 0;
    }

    private static List<OutputFormat> ParseFormats(string text)
    {
        var formats = new List<OutputFormat>();
        foreach (var word in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            formats.Add(word.ToLowerInvariant() switch
            {
                "hdf5" or "h5" => OutputFormat.Hdf5,
                "parquet" => OutputFormat.Parquet,
                "csv" => OutputFormat.Csv,
                _ => throw new InputException("--format", $"unknown format '{word}'; expected hdf5, parquet or csv (comma-separated)"),
            });
        }

        return formats.Count > 0 ? formats : throw new InputException("--format", "expected at least one of hdf5, parquet, csv");
    }

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        i + 1 < args.Count ? args[++i] : throw new InputException(args[i], "expected a value after it; " + Usage);
}
