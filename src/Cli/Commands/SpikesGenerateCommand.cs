using System.Globalization;
using HybridLfp.Streaming.Blocks.Spikes;
using HybridLfp.Streaming.Blocks.Spikes.Generators;
using HybridLfp.Streaming.Numerics;

namespace HybridLfp.Streaming.Cli.Commands;

/// <summary>
/// `hlfp spikes generate poisson|fixed|profile … -o OUT.(h5|dat|csv)`: deterministic (by --seed) spike generators.
/// </summary>
internal static class SpikesGenerateCommand
{
    private const string Usage = """
        usage: hlfp spikes generate poisson --population NAME:FIRST_ID:COUNT:RATE_HZ[:ONSET_MS[:OFFSET_MS]]… --tstop MS [--seed N] [--order by-time|by-id] -o OUT
               hlfp spikes generate fixed   --population NAME:FIRST_ID:COUNT@T1,T2,…… -o OUT
               hlfp spikes generate profile --population NAME:FIRST_ID:COUNT --tstop MS [--mean-rate HZ] [--sigma S] [--traces N]
                                            [--bin-ms MS] [--tau-bins N] [--normalize minmax|zscore] [--cv C] [--seed N] -o OUT
        (--order by-id writes per-unit trains sorted by node id; SONATA output only.
         --decimals N rounds .dat times to N decimals like NEST's own files (lossy); default exact)
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (args.Count == 0 || args[0] is "--help" or "-h")
        {
            stderr.WriteLine(Usage);
            return args.Count == 0 ? 2 : 0;
        }

        string kind = args[0];
        var populations = new List<string>();
        string? output = null;
        double? tStop = null;
        ulong seed = 12345;
        bool byId = false;
        double meanRate = 5.0, sigma = 0.5, binMs = 1.0, tauBins = 20.0, cv = 0.5;
        int traces = 100;
        string normalize = "minmax";
        int? decimals = null;
        for (int i = 1; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--population":
                    populations.Add(SpikeReaderArguments.Value(args, ref i));
                    break;
                case "-o" or "--output":
                    output = SpikeReaderArguments.Value(args, ref i);
                    break;
                case "--tstop":
                    tStop = SpikeReaderArguments.ParseDouble(args, ref i);
                    break;
                case "--seed":
                    seed = (ulong)SpikeReaderArguments.ParseDouble(args, ref i);
                    break;
                case "--order":
                    byId = SpikeReaderArguments.Value(args, ref i) switch
                    {
                        "by-id" or "by_id" => true,
                        "by-time" or "by_time" => false,
                        var o => throw new InputException("--order", $"expected by-time or by-id, got '{o}'"),
                    };
                    break;
                case "--mean-rate":
                    meanRate = SpikeReaderArguments.ParseDouble(args, ref i);
                    break;
                case "--sigma":
                    sigma = SpikeReaderArguments.ParseDouble(args, ref i);
                    break;
                case "--traces":
                    traces = (int)SpikeReaderArguments.ParseDouble(args, ref i);
                    break;
                case "--bin-ms":
                    binMs = SpikeReaderArguments.ParseDouble(args, ref i);
                    break;
                case "--tau-bins":
                    tauBins = SpikeReaderArguments.ParseDouble(args, ref i);
                    break;
                case "--cv":
                    cv = SpikeReaderArguments.ParseDouble(args, ref i);
                    break;
                case "--decimals":
                    decimals = (int)SpikeReaderArguments.ParseDouble(args, ref i);
                    break;
                case "--normalize":
                    normalize = SpikeReaderArguments.Value(args, ref i);
                    break;
                default:
                    throw new InputException(args[i], "unknown argument for 'hlfp spikes generate'");
            }
        }

        if (output is null || populations.Count == 0)
        {
            throw new InputException("hlfp spikes generate", "give at least one --population and -o OUT");
        }

        ISpikeSource source;
        switch (kind)
        {
            case "poisson":
            {
                var descriptions = populations.Select(ParsePoisson).ToList();
                var generator = new PoissonSpikeGenerator(descriptions, tStop ?? throw new InputException("--tstop", "required for poisson"), seed);
                if (byId)
                {
                    if (!output.EndsWith(".h5", StringComparison.OrdinalIgnoreCase))
                    {
                        throw new InputException(output, "--order by-id needs a SONATA .h5 output");
                    }

                    using var byIdWriter = new SonataSpikeWriter(output, sorting: SonataSorting.ById);
                    long written = generator.WriteByNodeId(byIdWriter);
                    byIdWriter.Complete();
                    stdout.WriteLine($"wrote {written} spikes to {output}");
                    return 0;
                }

                source = generator;
                break;
            }

            case "fixed":
                source = new FixedActivationSpikeGenerator(populations.Select(ParseFixed).ToList());
                break;
            case "profile":
            {
                if (populations.Count != 1)
                {
                    throw new InputException("--population", "profile generates one population per call");
                }

                var population = ParsePopulation(populations[0], 3, out _);
                double stop = tStop ?? throw new InputException("--tstop", "required for profile");
                int bins = (int)Math.Ceiling(stop / binMs);
                var noise = RateProfiles.MakeNoise(traces, bins, tauBins, seed);
                foreach (var trace in noise)
                {
                    switch (normalize)
                    {
                        case "minmax":
                            RateProfiles.MinMax(trace);
                            break;
                        case "zscore":
                            RateProfiles.ZScore(trace);
                            for (int k = 0; k < trace.Length; k++)
                            {
                                trace[k] = 1.0 + cv * trace[k];
                            }

                            break;
                        default:
                            throw new InputException("--normalize", $"expected minmax or zscore, got '{normalize}'");
                    }
                }

                var rates = RateProfiles.LogNormalRates(population.Count, meanRate, sigma, seed);
                source = new RateProfileSpikeGenerator(population, rates, noise, binMs, 0.0, seed);
                break;
            }

            default:
                stderr.WriteLine(Usage);
                return 2;
        }

        using var writer = SpikeWriters.Create(output, decimals);
        long count = await SpikeWriters.CopyAsync(source, writer, cancellationToken).ConfigureAwait(false);
        stdout.WriteLine($"wrote {count} spikes to {output}");
        return 0;
    }

    private static GeneratedPopulation ParsePopulation(string text, int minParts, out string[] parts)
    {
        parts = text.Split(':');
        if (parts.Length < minParts
            || !long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long first)
            || !int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out int count)
            || first < 0 || count < 0)
        {
            throw new InputException("--population", $"expected NAME:FIRST_ID:COUNT…, got '{text}'");
        }

        return new GeneratedPopulation(parts[0], first, count);
    }

    private static double Number(string text, string what) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : throw new InputException("--population", $"expected a number for {what}, got '{text}'");

    private static PoissonPopulationDescription ParsePoisson(string text)
    {
        var population = ParsePopulation(text, 4, out var parts);
        double rate = Number(parts[3], "the rate (Hz)");
        double onset = parts.Length > 4 ? Number(parts[4], "the onset (ms)") : 0.0;
        double? offset = parts.Length > 5 ? Number(parts[5], "the offset (ms)") : null;
        return new PoissonPopulationDescription(population, rate, onset, offset);
    }

    private static (GeneratedPopulation, IReadOnlyList<double>) ParseFixed(string text)
    {
        int at = text.IndexOf('@');
        if (at < 0)
        {
            throw new InputException("--population", $"expected NAME:FIRST_ID:COUNT@T1,T2,…, got '{text}'");
        }

        var population = ParsePopulation(text[..at], 3, out _);
        var times = text[(at + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(t => Number(t, "an activation time (ms)")).ToList();
        return (population, times);
    }
}
