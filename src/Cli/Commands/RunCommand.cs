using System.Globalization;
using HybridLfp.Streaming.Numerics;
using HybridLfp.Streaming.Pipeline.Run;

namespace HybridLfp.Streaming.Cli.Commands;

/// <summary>`hlfp run RECIPE [--out DIR] [--threads N] [--tstop MS]`: the hybrid scheme end to end (logic in <see cref="RecipeRunner"/>).</summary>
internal sealed class RunCommand : ICliCommand
{
    private const string Usage = "usage: hlfp run RECIPE.(yaml|json) [--out DIR] [--threads N] [--tstop MS]";

    public string Name => "run";

    public string Summary => "run a hybrid recipe (or an injected reference case) and write the signals: " + Usage[7..];

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        string? recipePath = null, outDir = null;
        var threads = Environment.ProcessorCount;
        double? tstop = null;
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
                case "-h" or "--help":
                    stdout.WriteLine(Usage);
                    stdout.WriteLine("  Builds every cell of the recipe, streams the network spikes through the cell batches and writes the");
                    stdout.WriteLine("  per-population and summed probe signals to DIR (default: the recipe's outputs.directory).");
                    stdout.WriteLine("  A hybrid reference case file (../shared/reference/cases/hybrid_*.json) is accepted as an injected recipe.");
                    stdout.WriteLine("  Results are bit-identical for any --threads. Ctrl+C stops cleanly; written files stay readable.");
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

        var recipe = RecipeRunner.Load(recipePath, tstop);
        var outputs = new RunOutputs(recipe, RecipeRunner.ProbeLayouts(recipe), outDir ?? recipe.Outputs.Directory);
        var sinks = outputs.Create();
        foreach (var skipped in outputs.Skipped)
        {
            stderr.WriteLine($"hlfp run: note: output format {skipped} is not available in this build; skipped.");
        }

        var isTerminal = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
        var progress = new RunProgressPrinter(stderr, isTerminal, TimeSpan.FromSeconds(5));
        RunSummary summary;
        try
        {
            summary = await RecipeRunner.RunAsync(recipe, sinks, threads, progress, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var sink in sinks.OfType<IAsyncDisposable>())
            {
                await sink.DisposeAsync().ConfigureAwait(false);
            }
        }

        stderr.WriteLine($"hlfp run: {summary}");
        foreach (var file in outputs.Files)
        {
            stderr.WriteLine($"hlfp run: wrote {file}");
        }

        return 0;
    }

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        i + 1 < args.Count ? args[++i] : throw new InputException(args[i], "expected a value after it; " + Usage);
}
