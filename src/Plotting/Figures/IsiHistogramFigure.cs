using HybridLfp.Streaming.Numerics.Analysis;
using HybridLfp.Streaming.Plotting.Series;

namespace HybridLfp.Streaming.Plotting.Figures;

/// <summary>
/// Inter-spike-interval histogram (bluepysnap's <c>isi</c>): intervals between successive spikes of each node (ms),
/// or their inverse in Hz (zero intervals dropped), as a density histogram (bar areas sum to 1). Bins: numpy's
/// 'auto' rule, or 0, binsize, … up to the largest value.
/// </summary>
public static class IsiHistogramFigure
{
    /// <summary>All inter-spike intervals (ms), or instantaneous frequencies (Hz) when <paramref name="useFrequency"/>.</summary>
    public static double[] Values(IReadOnlyList<PopulationSpikes> populations, bool useFrequency)
    {
        var values = new List<double>();
        foreach (var pop in populations)
        {
            pop.Validate();
            foreach (var node in Enumerable.Range(0, pop.Count).GroupBy(i => pop.NodeIds[i]))
            {
                var times = node.Select(i => pop.TimesMs[i]).Order().ToArray();
                for (var k = 1; k < times.Length; k++)
                {
                    values.Add(times[k] - times[k - 1]);
                }
            }
        }

        return useFrequency ? values.Where(v => v > 0).Select(v => 1000.0 / v).ToArray() : [.. values];
    }

    public static Figure Create(IReadOnlyList<PopulationSpikes> populations, bool useFrequency = false, double? binSize = null,
        double widthPx = 640, double heightPx = 360)
    {
        var values = Values(populations, useFrequency);
        if (values.Length == 0)
        {
            throw new ArgumentException("no node spiked twice: there are no inter-spike intervals to plot");
        }

        var edges = binSize is { } b ? Histogram.UniformEdges(0, values.Max(), b, appendStop: false) : Histogram.AutoEdges(values);
        if (edges.Length < 2)
        {
            throw new ArgumentException($"bin size {binSize} is not smaller than the largest value {values.Max()}");
        }

        var counts = Histogram.Counts(values, edges);
        var total = counts.Sum();
        var width = edges[1] - edges[0];
        var density = counts.Select((c, k) => total == 0 ? 0 : c / (total * (edges[k + 1] - edges[k]))).ToArray();
        var figure = new Figure(widthPx, heightPx);
        var axes = figure.AddGrid(1)[0];
        axes.Add(new BarSeries(edges[..^1], density, width) { Color = Palette.Category(0) });
        axes.X.Label = useFrequency ? "frequency" : "inter-spike interval";
        axes.X.Unit = useFrequency ? "Hz" : "ms";
        axes.Y.Label = "density";
        axes.Y.Unit = useFrequency ? "1/Hz" : "1/ms";
        axes.Y.Min = 0;
        axes.Title = useFrequency ? "instantaneous firing frequency" : "inter-spike intervals";
        return figure;
    }
}
