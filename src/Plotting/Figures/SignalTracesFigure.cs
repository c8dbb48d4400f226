using HybridLfp.Streaming.Plotting.Series;

namespace HybridLfp.Streaming.Plotting.Figures;

/// <summary>
/// Time series such as current dipole moment components (nA·µm), EEG (mV) or MEG (nA/µm): either stacked, one axes
/// per trace with its name as y label, or overlaid in one axes with a legend.
/// </summary>
public static class SignalTracesFigure
{
    public static Figure Create(double[] timesMs, IReadOnlyList<double[]> traces, IReadOnlyList<string> names, string quantity, string unit,
        bool stacked = true, double widthPx = 720, double rowHeightPx = 140)
    {
        if (traces.Count == 0 || names.Count != traces.Count)
        {
            throw new ArgumentException($"{traces.Count} traces with {names.Count} names; need at least one trace and one name each");
        }

        foreach (var t in traces)
        {
            if (t.Length != timesMs.Length)
            {
                throw new ArgumentException($"a trace has {t.Length} samples; the time axis has {timesMs.Length}");
            }
        }

        var rows = stacked ? traces.Count : 1;
        var figure = new Figure(widthPx, Math.Max(240, 40 + rowHeightPx * rows)) { Title = $"{quantity} ({unit})" };
        var grid = figure.AddGrid(rows);
        for (var i = 0; i < traces.Count; i++)
        {
            var axes = grid[stacked ? i : 0];
            axes.Add(new LineSeries(timesMs, traces[i]) { Label = names[i], Color = Palette.Category(i), LineWidth = 1.0 });
            axes.Y.Label = stacked ? names[i] : quantity;
            axes.Y.Unit = unit;
        }

        foreach (var axes in grid)
        {
            axes.X.Margin = 0;
        }

        grid[^1].X.Label = "time";
        grid[^1].X.Unit = "ms";
        if (!stacked)
        {
            grid[0].ShowLegend = true;
        }

        return figure;
    }
}
