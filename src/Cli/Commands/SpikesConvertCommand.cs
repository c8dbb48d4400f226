using System.Collections.Immutable;
using System.Globalization;
using HybridLfp.Streaming.Blocks.Spikes;
using HybridLfp.Streaming.Numerics;

namespace HybridLfp.Streaming.Cli.Commands;

/// <summary>
/// `hlfp spikes convert IN… -o OUT.(h5|dat|csv)`: merges the inputs in time order, optionally filters them
/// (--populations A,B  --ids LO-HI,ID,…  --t-start MS  --t-stop MS, bounds inclusive) and writes the result.
/// </summary>
internal static class SpikesConvertCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var (options, rest) = SpikeReaderArguments.Parse(args);
        string? output = null;
        var filter = new SpikeFilter();
        bool filtered = false;
        var inputs = new List<string>();
        for (int i = 0; i < rest.Count; i++)
        {
            switch (rest[i])
            {
                case "-o" or "--output":
                    output = SpikeReaderArguments.Value(rest, ref i);
                    break;
                case "--t-start":
                    filter = filter with { TStartMs = SpikeReaderArguments.ParseDouble(rest, ref i) };
                    filtered = true;
                    break;
                case "--t-stop":
                    filter = filter with { TStopMs = SpikeReaderArguments.ParseDouble(rest, ref i) };
                    filtered = true;
                    break;
                case "--populations":
                    filter = filter with { Populations = [.. SpikeReaderArguments.Value(rest, ref i).Split(',')] };
                    filtered = true;
                    break;
                case "--ids":
                    filter = filter with { NodeIdRanges = ParseRanges(SpikeReaderArguments.Value(rest, ref i)) };
                    filtered = true;
                    break;
                default:
                    if (rest[i].StartsWith("--", StringComparison.Ordinal))
                    {
                        throw new InputException(rest[i], "unknown option for 'hlfp spikes convert'");
                    }

                    inputs.Add(rest[i]);
                    break;
            }
        }

        if (output is null || inputs.Count == 0)
        {
            throw new InputException("hlfp spikes convert", "usage: hlfp spikes convert IN… -o OUT.(h5|dat|csv)");
        }

        var source = SpikeFiles.Open(inputs, options);
        if (filtered)
        {
            source = new FilteredSpikeSource(source, filter);
        }

        using var writer = SpikeWriters.Create(output);
        long count = await SpikeWriters.CopyAsync(source, writer, cancellationToken).ConfigureAwait(false);
        stdout.WriteLine($"wrote {count} spikes to {output}");
        SpikeReaderArguments.ReportMalformed(options, stderr);
        return 0;
    }

    private static ImmutableArray<(long, long)> ParseRanges(string text)
    {
        var ranges = ImmutableArray.CreateBuilder<(long, long)>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var bounds = part.Split('-');
            if (bounds.Length is 1 or 2
                && long.TryParse(bounds[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out long first)
                && long.TryParse(bounds[^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long last)
                && last >= first)
            {
                ranges.Add((first, last));
            }
            else
            {
                throw new InputException("--ids", $"expected ids or ranges like 1-100,205, got '{part}'");
            }
        }

        return ranges.ToImmutable();
    }
}
