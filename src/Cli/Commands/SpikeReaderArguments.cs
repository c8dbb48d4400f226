using System.Globalization;
using HybridLfp.Streaming.Blocks.Spikes;
using HybridLfp.Streaming.Numerics;

namespace HybridLfp.Streaming.Cli.Commands;

/// <summary>Parses the reader options shared by the `hlfp spikes` sub-commands; returns the remaining arguments.</summary>
internal static class SpikeReaderArguments
{
    public static (SpikeReaderOptions Options, List<string> Remaining) Parse(IReadOnlyList<string> args)
    {
        var options = new SpikeReaderOptions();
        var rest = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--resolution":
                    options = options with { NestResolutionMs = ParseDouble(args, ref i) };
                    break;
                case "--names":
                    options = options with { NestPopulationNames = Value(args, ref i).Split(',') };
                    break;
                case "--skip-malformed":
                    options = options with { MalformedLines = MalformedLinePolicy.SkipAndCount };
                    break;
                case "--run-length":
                    options = options with { RunLength = (int)ParseDouble(args, ref i) };
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        return (options, rest);
    }

    public static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count)
        {
            throw new InputException(args[i], "needs a value");
        }

        return args[++i];
    }

    public static double ParseDouble(IReadOnlyList<string> args, ref int i)
    {
        var name = args[i];
        var text = Value(args, ref i);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v
            : throw new InputException(name, $"expected a number, got '{text}'");
    }

    /// <summary>Prints the skipped-line summary (never silent) to stderr.</summary>
    public static void ReportMalformed(SpikeReaderOptions options, TextWriter stderr)
    {
        var report = options.MalformedReport;
        if (report.Count == 0)
        {
            return;
        }

        stderr.WriteLine($"warning: skipped {report.Count} malformed line(s):");
        foreach (var message in report.FirstMessages)
        {
            stderr.WriteLine($"  {message}");
        }
    }
}
