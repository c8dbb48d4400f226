using System.Globalization;
using HybridLfp.Streaming.Cli.Plotting;
using HybridLfp.Streaming.Numerics;
using HybridLfp.Streaming.Numerics.Analysis;
using HybridLfp.Streaming.Plotting;
using HybridLfp.Streaming.Plotting.Figures;

namespace HybridLfp.Streaming.Cli.Commands;

/// <summary>`hlfp plot KIND FILE… -o OUT.svg`: renders one figure from spike files or a signal CSV.</summary>
internal sealed class PlotCommand : ICliCommand
{
    private static readonly string[] s_spikeKinds = ["raster", "rate-histogram", "isi", "rates", "animation"];
    private static readonly string[] s_signalKinds = ["traces", "laminar", "csd", "spectrum"];

    public string Name => "plot";

    public string Summary => "render one figure (raster, rates, isi, traces, laminar, csd, spectrum, …) to SVG";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (args.Count == 0 || args[0] is "-h" or "--help")
        {
            PrintUsage(stdout);
            return args.Count == 0 ? 2 : 0;
        }

        var kind = args[0];
        var options = PlotOptions.Parse(args.Skip(1).ToArray());
        if (options.Output is null)
        {
            throw new InputException("-o", "missing output: give -o OUT.svg");
        }

        if (options.Files.Count == 0)
        {
            throw new InputException(kind, "no input files given");
        }

        Figure figure;
        if (s_spikeKinds.Contains(kind))
        {
            figure = await SpikeFigureAsync(kind, options, cancellationToken).ConfigureAwait(false);
        }
        else if (s_signalKinds.Contains(kind))
        {
            if (options.Files.Count != 1)
            {
                throw new InputException(kind, $"expects exactly one CSV file, got {options.Files.Count}");
            }

            figure = SignalFigure(kind, SignalCsvReader.Read(options.Files[0]), options);
        }
        else
        {
            throw new InputException(kind, $"unknown plot kind; expected one of {string.Join(", ", s_spikeKinds.Concat(s_signalKinds))}");
        }

        if (options.Title is not null)
        {
            figure.Title = options.Title;
        }

        figure.Save(options.Output);
        stdout.WriteLine($"wrote {options.Output}");
        return 0;
    }

    private static async Task<Figure> SpikeFigureAsync(string kind, PlotOptions o, CancellationToken cancellationToken)
    {
        var names = o.Names ?? o.Files.Select(f => Path.GetFileNameWithoutExtension(f)).ToArray();
        if (names.Count != o.Files.Count || (o.Sizes is not null && o.Sizes.Count != o.Files.Count))
        {
            throw new InputException("--names/--sizes", $"give one value per file ({o.Files.Count} files)");
        }

        var pops = new PopulationSpikes[o.Files.Count];
        for (var i = 0; i < pops.Length; i++)
        {
            pops[i] = await PlotSpikeReader.ReadAsync(o.Files[i], names[i], o.Sizes?[i], cancellationToken).ConfigureAwait(false);
        }

        var all = pops.SelectMany(p => p.TimesMs).DefaultIfEmpty(0).ToArray();
        var tStart = o.TStart ?? 0;
        var tStop = o.TStop ?? Math.Ceiling(all.Max());
        try
        {
            return kind switch
            {
                "raster" => SpikeRasterFigure.Create(pops, o.TStart, o.TStop, o.PopulationNames),
                "rate-histogram" => FiringRateHistogramFigure.Create(pops, o.Bin),
                "isi" => IsiHistogramFigure.Create(pops, o.Frequency, o.Bin),
                "rates" => PopulationRateFigure.Create(pops, tStart, tStop, o.Bin ?? 1.0, o.Bars ? RateStyle.Bars : RateStyle.FillBetween),
                _ => Animation(pops, o),
            };
        }
        catch (ArgumentException e)
        {
            throw new InputException(string.Join(", ", o.Files), e.Message);
        }
    }

    private static Figure Animation(PopulationSpikes[] pops, PlotOptions o)
    {
        if (o.Positions is null)
        {
            throw new InputException("animation", "needs --positions FILE.csv with a header and columns 'id,x,y' (µm)");
        }

        var table = SignalCsvReader.Read(o.Positions);
        if (table.Channels.Length < 2)
        {
            throw new InputException(o.Positions, "expected columns 'id,x,y'");
        }

        var map = new Dictionary<long, (double, double)>();
        for (var i = 0; i < table.TimesMs.Length; i++)
        {
            map[(long)table.TimesMs[i]] = (table.Channels[0][i], table.Channels[1][i]);
        }

        return FiringAnimationFigure.Create(pops, id => map.TryGetValue(id, out var p) ? p
            : throw new InputException(o.Positions, $"no position for node id {id}"), o.Dt ?? 20, table.Names[0], table.Names[1]);
    }

    private static Figure SignalFigure(string kind, SignalTable table, PlotOptions o)
    {
        var quantity = o.Quantity ?? (kind == "csd" ? "CSD" : "LFP");
        var unit = o.Unit ?? (kind == "csd" ? "nA/µm³" : "mV");
        try
        {
            switch (kind)
            {
                case "traces":
                    return SignalTracesFigure.Create(table.TimesMs, table.Channels, table.Names, quantity, unit, stacked: !o.Overlay);
                case "laminar":
                    return LaminarTracesFigure.Create(table.TimesMs, Depths(table, o), table.Channels, quantity, unit);
                case "csd":
                    return CsdImageFigure.Create(table.TimesMs, Depths(table, o), table.Channels, quantity, unit);
                default:
                    var dt = (table.TimesMs[^1] - table.TimesMs[0]) / (table.TimesMs.Length - 1);
                    var (freq, power) = Spectra.PowerSpectrum(table.Channels, dt, o.SmoothingHz);
                    // One-sided density: 2|X|²·Δt/N, unit²/Hz (Δt in s).
                    var scale = 2 * dt * 1e-3 / table.TimesMs.Length;
                    return PowerSpectrumFigure.Create(freq, power.Select(p => p.Select(v => v * scale).ToArray()).ToArray(), table.Names,
                        "PSD", $"{unit}²/Hz");
            }
        }
        catch (ArgumentException e)
        {
            throw new InputException(o.Files[0], e.Message);
        }
    }

    private static double[] Depths(SignalTable table, PlotOptions o)
    {
        if (o.Depths is not null)
        {
            return [.. o.Depths];
        }

        var depths = new double[table.Names.Length];
        for (var i = 0; i < depths.Length; i++)
        {
            if (!double.TryParse(table.Names[i], NumberStyles.Float, CultureInfo.InvariantCulture, out depths[i]))
            {
                throw new InputException(o.Files[0], $"column '{table.Names[i]}' is not a depth in µm; name the columns by depth or give --depths z1,z2,…");
            }
        }

        return depths;
    }

    private static void PrintUsage(TextWriter w)
    {
        w.WriteLine("usage: hlfp plot KIND FILE… -o OUT.svg [options]");
        w.WriteLine();
        w.WriteLine("spike files (NEST .gdf/.dat, CSV, SONATA .h5, or a folder of them; one population per argument):");
        w.WriteLine("  raster          spike raster, one colour per population   [--tstart MS --tstop MS --population-names]");
        w.WriteLine("  rate-histogram  PSTH in Hz, ~100 spikes per bin by default [--bin MS]");
        w.WriteLine("  isi             inter-spike interval histogram            [--frequency --bin MS|HZ]");
        w.WriteLine("  rates           rate per population (Hz per neuron)       [--bin MS --sizes N,… --tstart --tstop --bars]");
        w.WriteLine("  animation       firing positions per time window          --positions id_x_y.csv [--dt MS]");
        w.WriteLine("signal CSV (header; first column time in ms, one column per channel):");
        w.WriteLine("  traces          one panel per column                      [--overlay --quantity Q --unit U]");
        w.WriteLine("  laminar         traces offset by depth (columns named by depth in µm, or --depths z1,…)");
        w.WriteLine("  csd             colour image over depth and time (nA/µm³ by default)");
        w.WriteLine("  spectrum        power spectral density on log axes        [--df HZ smoothing]");
        w.WriteLine("common: --names A,B  --title TEXT");
    }
}
