using HybridLfp.Streaming.Numerics.Analysis;
using HybridLfp.Streaming.Plotting.Series;

namespace HybridLfp.Streaming.Plotting.Figures;

/// <summary>
/// Peri-stimulus time histogram of all spikes (bluepysnap's <c>firing_rate_histogram</c>): bins from the first to
/// the last spike, rate per bin = count / (number of spiking nodes × bin size in s), in Hz, drawn as a step line at
/// bin centres. Without a bin size the heuristic min(50 ms, span / (n_spikes/100 + 1)) gives ≈ 100 spikes per bin.
/// </summary>
public static class FiringRateHistogramFigure
{
    /// <summary>Bin size (ms) of the ~100-spikes-per-bin heuristic for <paramref name="spikeCount"/> spikes over the span.</summary>
    public static double HeuristicBinMs(double spanMs, int spikeCount) => Math.Min(50.0, spanMs / (spikeCount / 100.0 + 1.0));

    /// <summary>Bin edges (ms; the last bin ends at the last spike and may be shorter) and rates (Hz) of the histogram.</summary>
    public static (double[] EdgesMs, double[] RatesHz, double BinMs) Compute(IReadOnlyList<PopulationSpikes> populations, double? binMs = null)
    {
        var times = populations.SelectMany(p => p.TimesMs).ToArray();
        if (times.Length == 0)
        {
            throw new ArgumentException("no spikes to histogram");
        }

        // Distinct (population, id) pairs that spiked, as bluepysnap counts nodes.
        var nodeCount = populations.Sum(p => p.NodeIds.Distinct().Count());
        double start = times.Min(), stop = times.Max();
        var bin = binMs ?? HeuristicBinMs(stop - start, times.Length);
        if (!(bin > 0))
        {
            throw new ArgumentException($"bin size must be > 0 ms (got {bin}); all spikes at one time need an explicit bin size");
        }

        var edges = Histogram.UniformEdges(start, stop, bin, appendStop: true);
        var counts = Histogram.Counts(times, edges);
        // As bluepysnap: every bin is divided by the nominal bin size, the shorter last one included.
        var rates = counts.Select(c => c / (double)nodeCount / (0.001 * bin)).ToArray();
        return (edges, rates, bin);
    }

    public static Figure Create(IReadOnlyList<PopulationSpikes> populations, double? binMs = null, double widthPx = 720, double heightPx = 360)
    {
        var (edges, rates, bin) = Compute(populations, binMs);
        var figure = new Figure(widthPx, heightPx);
        var axes = figure.AddGrid(1)[0];
        // Step line: horizontal at each rate across its bin.
        var x = new List<double>();
        var y = new List<double>();
        for (var k = 0; k < rates.Length; k++)
        {
            x.Add(edges[k]);
            y.Add(rates[k]);
            x.Add(edges[k + 1]);
            y.Add(rates[k]);
        }

        axes.Add(new LineSeries(x, y) { Label = "PSTH", Color = Palette.Category(0) });
        axes.X.Label = "time";
        axes.X.Unit = "ms";
        axes.Y.Label = "PSTH";
        axes.Y.Unit = "Hz";
        axes.Title = $"firing rate histogram (bin {bin:0.###} ms)";
        return figure;
    }
}
