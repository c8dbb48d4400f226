using HybridLfp.Streaming.Plotting.Series;

namespace HybridLfp.Streaming.Plotting.Figures;

/// <summary>
/// Spike raster: one dot per spike at (time, node id), one colour and legend entry per population (bluepysnap's
/// <c>raster</c>, hybridLFPy's <c>plot_raster</c>). Optionally the y axis shows population names at the centre of
/// each population's id range, or a node property instead of the id.
/// </summary>
public static class SpikeRasterFigure
{
    /// <summary>Builds the raster. <paramref name="nodeProperty"/> maps a node id to the value plotted on y
    /// (named <paramref name="nodePropertyName"/>); null plots ids.</summary>
    public static Figure Create(
        IReadOnlyList<PopulationSpikes> populations,
        double? tStartMs = null,
        double? tStopMs = null,
        bool populationNamesOnY = false,
        Func<long, double>? nodeProperty = null,
        string? nodePropertyName = null,
        double widthPx = 760,
        double heightPx = 420)
    {
        var figure = new Figure(widthPx, heightPx);
        var axes = figure.AddGrid(1)[0];
        axes.X.Label = "time";
        axes.X.Unit = "ms";
        axes.X.Min = tStartMs;
        axes.X.Max = tStopMs;
        axes.X.Margin = 0;
        axes.Y.Label = nodeProperty is null ? "node id" : nodePropertyName ?? "node property";
        var ticks = new List<Tick>();
        for (var p = 0; p < populations.Count; p++)
        {
            var pop = populations[p];
            pop.Validate();
            var keep = Enumerable.Range(0, pop.Count)
                .Where(i => (tStartMs is null || pop.TimesMs[i] >= tStartMs) && (tStopMs is null || pop.TimesMs[i] <= tStopMs))
                .ToArray();
            var x = keep.Select(i => pop.TimesMs[i]).ToArray();
            var y = keep.Select(i => nodeProperty is null ? pop.NodeIds[i] : nodeProperty(pop.NodeIds[i])).ToArray();
            axes.Add(new ScatterSeries(x, y) { Label = pop.Name, Color = Palette.Category(p), Radius = 1.0 });
            if (pop.Count > 0)
            {
                var ids = pop.NodeIds;
                ticks.Add(new Tick(0.5 * (ids.Min() + ids.Max()), pop.Name));
            }
        }

        if (populationNamesOnY && nodeProperty is null)
        {
            axes.Y.Ticks = ticks;
            axes.Y.Label = "population";
        }

        axes.ShowLegend = populations.Count > 1 && !populationNamesOnY;
        axes.Title = "spike raster";
        return figure;
    }
}
