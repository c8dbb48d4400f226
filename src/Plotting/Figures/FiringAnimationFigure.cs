using HybridLfp.Streaming.Plotting.Series;

namespace HybridLfp.Streaming.Plotting.Figures;

/// <summary>
/// Positions of spiking nodes in successive time windows (bluepysnap's <c>firing_animation</c>): frame k shows the
/// nodes that spiked in [k·dt, (k+1)·dt] (both ends included), for k from ⌊t_first/dt⌋ to ⌊t_last/dt⌋ − 1. As one
/// animated SVG, or as a sequence of still figures.
/// </summary>
public static class FiringAnimationFigure
{
    /// <summary>The frames: positions of the spiking nodes and a caption with the window.</summary>
    public static IReadOnlyList<ScatterFrame> Frames(IReadOnlyList<PopulationSpikes> populations, Func<long, (double X, double Y)> position, double dtMs)
    {
        if (!(dtMs > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(dtMs), dtMs, "frame duration must be > 0 ms");
        }

        var spikes = populations.SelectMany(p =>
        {
            p.Validate();
            return Enumerable.Range(0, p.Count).Select(i => (T: p.TimesMs[i], Id: p.NodeIds[i]));
        }).OrderBy(s => s.T).ToArray();
        if (spikes.Length == 0)
        {
            throw new ArgumentException("no spikes to animate");
        }

        var first = (int)(spikes[0].T / dtMs);
        var last = (int)(spikes[^1].T / dtMs);
        var frames = new List<ScatterFrame>();
        for (var k = first; k < Math.Max(last, first + 1); k++)
        {
            var lo = k * dtMs;
            var hi = (k + 1) * dtMs;
            var inWindow = spikes.Where(s => s.T >= lo && s.T <= hi).Select(s => position(s.Id)).ToArray();
            frames.Add(new ScatterFrame(inWindow.Select(p => p.X).ToArray(), inWindow.Select(p => p.Y).ToArray(), $"t = {lo:0.##}–{hi:0.##} ms"));
        }

        return frames;
    }

    /// <summary>One animated SVG figure (each frame shown <paramref name="frameSeconds"/> s).</summary>
    public static Figure Create(IReadOnlyList<PopulationSpikes> populations, Func<long, (double X, double Y)> position, double dtMs = 20,
        string xName = "x", string yName = "y", double frameSeconds = 0.2, double sizePx = 520)
    {
        var frames = Frames(populations, position, dtMs);
        var figure = new Figure(sizePx + 60, sizePx);
        var axes = figure.AddGrid(1)[0];
        var allIds = populations.SelectMany(p => p.NodeIds).Distinct().Select(position).ToArray();
        axes.Add(new AnimatedScatterSeries(frames)
        {
            FrameSeconds = frameSeconds,
            Background = (allIds.Select(p => p.X).ToArray(), allIds.Select(p => p.Y).ToArray()),
            Color = Palette.Category(1),
        });
        axes.X.Label = xName;
        axes.X.Unit = "µm";
        axes.Y.Label = yName;
        axes.Y.Unit = "µm";
        axes.Title = $"firing positions ({dtMs:0.##} ms frames)";
        return figure;
    }

    /// <summary>The animation as a sequence of still figures, one per frame.</summary>
    public static IReadOnlyList<Figure> FrameSequence(IReadOnlyList<PopulationSpikes> populations, Func<long, (double X, double Y)> position,
        double dtMs = 20, string xName = "x", string yName = "y", double sizePx = 520)
    {
        var frames = Frames(populations, position, dtMs);
        var all = frames.SelectMany(f => f.X.Zip(f.Y)).ToArray();
        double xMin = all.DefaultIfEmpty().Min(p => p.First), xMax = all.DefaultIfEmpty().Max(p => p.First);
        double yMin = all.DefaultIfEmpty().Min(p => p.Second), yMax = all.DefaultIfEmpty().Max(p => p.Second);
        return frames.Select(frame =>
        {
            var figure = new Figure(sizePx + 60, sizePx);
            var axes = figure.AddGrid(1)[0];
            axes.Add(new ScatterSeries(frame.X, frame.Y) { Color = Palette.Category(1), Radius = 2.5 });
            (axes.X.Min, axes.X.Max, axes.Y.Min, axes.Y.Max) = (xMin, xMax, yMin, yMax);
            axes.X.Label = xName;
            axes.X.Unit = "µm";
            axes.Y.Label = yName;
            axes.Y.Unit = "µm";
            axes.Title = frame.Caption;
            return figure;
        }).ToArray();
    }
}
