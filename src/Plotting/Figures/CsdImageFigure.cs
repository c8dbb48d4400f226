using HybridLfp.Streaming.Plotting.Series;

namespace HybridLfp.Streaming.Plotting.Figures;

/// <summary>
/// Current source density as a colour image over time (x) and depth (y), one row per contact spanning its depth
/// bin, diverging colour map symmetric about zero, with a colour bar (nA/µm³ by default).
/// </summary>
public static class CsdImageFigure
{
    /// <summary>
    /// <paramref name="depthsUm"/> are contact centres, ordered as the rows of <paramref name="data"/> and evenly
    /// spaced (row i spans z_i ± spacing/2).
    /// </summary>
    public static Figure Create(double[] timesMs, double[] depthsUm, IReadOnlyList<double[]> data, string quantity = "CSD", string unit = "nA/µm³",
        double widthPx = 720, double heightPx = 460)
    {
        if (depthsUm.Length != data.Count || depthsUm.Length == 0 || timesMs.Length < 2)
        {
            throw new ArgumentException($"need one depth per row ({depthsUm.Length} depths, {data.Count} rows) and at least two time samples");
        }

        var dz = depthsUm.Length > 1 ? (depthsUm[^1] - depthsUm[0]) / (depthsUm.Length - 1) : 100.0;
        var dt = (timesMs[^1] - timesMs[0]) / (timesMs.Length - 1);
        var figure = new Figure(widthPx, heightPx);
        var axes = figure.AddGrid(1, colorBars: true)[0];
        var image = axes.Add(new ImageSeries(data.ToArray(), timesMs[0] - dt / 2, timesMs[^1] + dt / 2, depthsUm[0] - dz / 2, depthsUm[^1] + dz / 2)
        {
            ColorMap = ColorMap.Diverging,
        }.SymmetricColorRange());
        if (image.ColorMax == 0)
        {
            (image.ColorMin, image.ColorMax) = (-1, 1);
        }

        axes.X.Margin = 0;
        axes.Y.Margin = 0;
        axes.X.Label = "time";
        axes.X.Unit = "ms";
        axes.Y.Label = "depth";
        axes.Y.Unit = "µm";
        axes.ColorBar = new ColorBar(ColorMap.Diverging, image.ColorMin, image.ColorMax) { Label = quantity, Unit = unit };
        axes.Title = quantity;
        return figure;
    }
}
