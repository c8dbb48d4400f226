using HybridLfp.Streaming.Plotting.Series;

namespace HybridLfp.Streaming.Plotting.Figures;

/// <summary>
/// Power spectra on log–log axes, one line per signal (positive frequencies only, non-positive powers skipped), with
/// a legend. The y label is "PSD (unit²/Hz)" unless given.
/// </summary>
public static class PowerSpectrumFigure
{
    public static Figure Create(double[] frequenciesHz, IReadOnlyList<double[]> spectra, IReadOnlyList<string> names, string yLabel = "PSD",
        string yUnit = "mV²/Hz", double widthPx = 640, double heightPx = 420)
    {
        if (spectra.Count == 0 || names.Count != spectra.Count)
        {
            throw new ArgumentException($"{spectra.Count} spectra with {names.Count} names");
        }

        var keep = Enumerable.Range(0, frequenciesHz.Length).Where(k => frequenciesHz[k] > 0).ToArray();
        if (keep.Length == 0)
        {
            throw new ArgumentException("no positive frequencies to plot on a log axis");
        }

        var figure = new Figure(widthPx, heightPx);
        var axes = figure.AddGrid(1)[0];
        for (var i = 0; i < spectra.Count; i++)
        {
            if (spectra[i].Length != frequenciesHz.Length)
            {
                throw new ArgumentException($"spectrum '{names[i]}' has {spectra[i].Length} values for {frequenciesHz.Length} frequencies");
            }

            axes.Add(new LineSeries(keep.Select(k => frequenciesHz[k]).ToArray(), keep.Select(k => spectra[i][k]).ToArray())
            {
                Label = names[i],
                Color = Palette.Category(i),
            });
        }

        axes.X.Scale = AxisScale.Logarithmic;
        axes.Y.Scale = AxisScale.Logarithmic;
        axes.X.Label = "frequency";
        axes.X.Unit = "Hz";
        axes.Y.Label = yLabel;
        axes.Y.Unit = yUnit;
        axes.ShowLegend = true;
        axes.Title = "power spectra";
        return figure;
    }
}
