using System.Globalization;
using HybridLfp.Streaming.Numerics;
using HybridLfp.Streaming.Pipeline.Demo;
using HybridLfp.Streaming.Pipeline.Run;

namespace HybridLfp.Streaming.Cli.Commands;

/// <summary>`hlfp demo [--out DIR] [--tstop MS] [--threads N]`: the self-contained Brunel-like demo (logic in <see cref="DemoRun"/>).</summary>
internal sealed class DemoCommand : ICliCommand
{
    private const string Usage = "usage: hlfp demo [--out DIR] [--tstop MS] [--threads N]";

    public string Name => "demo";

    public string Summary => "self-contained hybrid run (own cells, Poisson spikes): signals.h5, CSV, Parquet, lfp_csd.svg, report.html";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var output = "demo-output";
        var options = new DemoOptions();
        var threads = Environment.ProcessorCount;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--out" or "-o":
                    output = Value(args, ref i);
                    break;
                case "--tstop":
                    options = options with
                    {
                        TstopMs = double.TryParse(Value(args, ref i), NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t > 0 && t == Math.Floor(t)
                            ? t : throw new InputException("--tstop", $"expected a whole number of ms > 0, got '{args[i]}'"),
                    };
                    break;
                case "--threads":
                    threads = int.TryParse(Value(args, ref i), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
                        ? n : throw new InputException("--threads", $"expected a whole number ≥ 1, got '{args[i]}'");
                    break;
                case "-h" or "--help":
                    stdout.WriteLine(Usage);
                    stdout.WriteLine("  40 pyramidal EX cells and 10 ball-and-stick IN cells driven by seeded Poisson spikes (200 EX at 10 Hz,");
                    stdout.WriteLine("  50 IN at 20 Hz), AlphaISyn synapses, a 6-contact electrode and a laminar CSD, 500 ms by default.");
                    stdout.WriteLine("  Writes into DIR (default ./demo-output): signals.h5, <Probe>_sum.h5, populations/, signals.csv,");
                    stdout.WriteLine("  signals.parquet, run.json, lfp_csd.svg, report.html, and its inputs (morphologies/, spikes/).");
                    return 0;
                default:
                    throw new InputException(args[i], "unexpected argument; " + Usage);
            }
        }

        var isTerminal = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
        var progress = new RunProgressPrinter(stderr, isTerminal, TimeSpan.FromSeconds(5));
        var result = await DemoRun.RunAsync(output, options, threads, progress, cancellationToken).ConfigureAwait(false);
        stdout.WriteLine($"hlfp demo: {result.InputSpikes} input spikes; {result.Summary}");
        foreach (var file in result.Files)
        {
            stdout.WriteLine($"hlfp demo: wrote {file}");
        }

        return 0;
    }

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        i + 1 < args.Count ? args[++i] : throw new InputException(args[i], "expected a value after it; " + Usage);
}
