using HybridLfp.Streaming.Numerics.Analysis;
using HybridLfp.Streaming.Plotting.Series;

namespace HybridLfp.Streaming.Plotting.Figures;

/// <summary>How population rates are drawn.</summary>
public enum RateStyle
{
    /// <summary>Filled area under the rate (hybridLFPy's default 'fill_between').</summary>
    FillBetween,

    /// <summary>One bar per bin, 90 % of the bin wide (hybridLFPy's 'bar').</summary>
    Bars,
}

/// <summary>
/// Per-population firing rates over time, one row per population (hybridLFPy's <c>plot_f_rate</c>): spike counts in
/// bins [t, t + bin) from tstart to tstop, divided by the population size and the bin (s): Hz per neuron.
/// </summary>
public static class PopulationRateFigure
{
    /// <summary>Bin left edges (ms) and rate (Hz per neuron) of one population.</summary>
    public static (double[] LeftEdgesMs, double[] RatesHz) Compute(PopulationSpikes population, double tStartMs, double tStopMs, double binMs)
    {
        population.Validate();
        var edges = Histogram.UniformEdges(tStartMs, tStopMs + binMs, binMs, appendStop: false);
        if (edges.Length < 2)
        {
            throw new ArgumentException($"time range [{tStartMs}, {tStopMs}] ms is shorter than one bin of {binMs} ms");
        }

        var counts = Histogram.Counts(population.TimesMs, edges);
        var n = Math.Max(1, population.NeuronCount);
        return (edges[..^1], counts.Select(c => c / (double)n / (binMs * 1e-3)).ToArray());
    }

    public static Figure Create(IReadOnlyList<PopulationSpikes> populations, double tStartMs, double tStopMs, double binMs = 1.0,
        RateStyle style = RateStyle.FillBetween, double widthPx = 760, double rowHeightPx = 150)
    {
        if (populations.Count == 0)
        {
            throw new ArgumentException("no populations to plot");
        }

        var figure = new Figure(widthPx, Math.Max(200, 30 + rowHeightPx * populations.Count));
        var rows = figure.AddGrid(populations.Count);
        for (var p = 0; p < populations.Count; p++)
        {
            var (left, rate) = Compute(populations[p], tStartMs, tStopMs, binMs);
            var axes = rows[p];
            if (style == RateStyle.Bars)
            {
                axes.Add(new BarSeries(left, rate, 0.9 * binMs) { Label = populations[p].Name, Color = Palette.Category(p) });
            }
            else
            {
                axes.Add(new AreaSeries(left, rate) { Label = populations[p].Name, Color = Palette.Category(p), Opacity = 0.6 });
                axes.Add(new LineSeries(left, rate) { Color = Rgb.Black, LineWidth = 0.5 });
            }

            axes.X.Min = tStartMs;
            axes.X.Max = tStopMs;
            axes.X.Label = p == populations.Count - 1 ? "time" : null;
            axes.X.Unit = p == populations.Count - 1 ? "ms" : null;
            axes.Y.Label = "rate";
            axes.Y.Unit = "Hz";
            axes.Y.Min = 0;
            axes.Title = populations[p].Name;
        }

        return figure;
    }
}
