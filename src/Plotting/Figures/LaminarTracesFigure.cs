using System.Globalization;
using HybridLfp.Streaming.Plotting.Series;

namespace HybridLfp.Streaming.Plotting.Figures;

/// <summary>
/// Laminar traces (LFP or CSD per contact), one line per contact drawn at its depth: y = z_contact + gain·value with
/// one gain for all contacts so the largest deflection spans 90 % of the contact spacing; a vertical scale bar gives
/// the signal amplitude. y axis: depth (µm).
/// </summary>
public static class LaminarTracesFigure
{
    public static Figure Create(double[] timesMs, double[] depthsUm, IReadOnlyList<double[]> data, string quantity = "LFP", string unit = "mV",
        double widthPx = 640, double heightPx = 520)
    {
        if (depthsUm.Length != data.Count || depthsUm.Length == 0)
        {
            throw new ArgumentException($"{depthsUm.Length} depths for {data.Count} traces; need one depth per trace");
        }

        foreach (var row in data)
        {
            if (row.Length != timesMs.Length)
            {
                throw new ArgumentException($"a trace has {row.Length} samples; the time axis has {timesMs.Length}");
            }
        }

        var spacing = depthsUm.Length > 1
            ? depthsUm.Zip(depthsUm.Skip(1), (a, b) => Math.Abs(b - a)).Where(d => d > 0).DefaultIfEmpty(100).Min()
            : 100.0;
        var maxAbs = data.SelectMany(r => r).Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
        var gain = maxAbs > 0 ? 0.9 * spacing / maxAbs : 1.0; // µm per signal unit
        var figure = new Figure(widthPx, heightPx);
        var axes = figure.AddGrid(1)[0];
        for (var c = 0; c < data.Count; c++)
        {
            var z = depthsUm[c];
            axes.Add(new LineSeries(timesMs, data[c].Select(v => z + gain * v).ToArray()) { Color = Rgb.Black, LineWidth = 0.9 });
        }

        // Scale bar: a nice amplitude near half the maximum, at the right end.
        if (maxAbs > 0)
        {
            var amplitude = NiceTicks.Step(0, maxAbs, 2);
            var x = timesMs.Max();
            var zTop = depthsUm.Max() + 0.5 * spacing;
            axes.Add(new LineSeries([x, x], [zTop, zTop - gain * amplitude]) { Color = Palette.Category(1), LineWidth = 2.5 });
            axes.Add(new TextSeries(x, zTop - 0.5 * gain * amplitude,
                " " + amplitude.ToString("G3", CultureInfo.InvariantCulture) + " " + unit) { Anchor = "end", Color = Palette.Category(1) });
        }

        axes.Y.Ticks = depthsUm.Select(z => new Tick(z, (z == 0 ? 0.0 : z).ToString("0.#", CultureInfo.InvariantCulture))).ToArray(); // no "-0"
        axes.X.Label = "time";
        axes.X.Unit = "ms";
        axes.Y.Label = "depth";
        axes.Y.Unit = "µm";
        axes.Title = $"{quantity} ({unit})";
        return figure;
    }
}
