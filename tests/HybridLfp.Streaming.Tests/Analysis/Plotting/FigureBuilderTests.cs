using HybridLfp.Streaming.Numerics.Geometry;
using HybridLfp.Streaming.Plotting;
using HybridLfp.Streaming.Plotting.Figures;

namespace HybridLfp.Streaming.Tests.Analysis.Plotting;

/// <summary>Figure builders: structure (series, points, axes, labels) and the numbers behind them.</summary>
public sealed class FigureBuilderTests
{
    private static PopulationSpikes Regular(string name, long firstId, int nodes, double periodMs, double tStop, int? size = null)
    {
        var times = new List<double>();
        var ids = new List<long>();
        for (var n = 0; n < nodes; n++)
        {
            for (var t = periodMs; t <= tStop; t += periodMs)
            {
                times.Add(t);
                ids.Add(firstId + n);
            }
        }

        return new PopulationSpikes(name, [.. times], [.. ids], size);
    }

    [Fact]
    public void RasterHasOneDotPerSpikeAndPopulationColours()
    {
        var ex = Regular("EX", 1, 4, 10, 100); // 40 spikes
        var inh = Regular("IN", 101, 2, 25, 100); // 8 spikes
        var svg = new SvgInspector(SpikeRasterFigure.Create([ex, inh], 0, 100));
        var series = svg.Series("scatter").ToArray();
        Assert.Equal(2, series.Length);
        Assert.Equal(40, series[0].Elements().Count(e => e.Name.LocalName == "circle"));
        Assert.Equal(8, series[1].Elements().Count(e => e.Name.LocalName == "circle"));
        Assert.NotEqual((string)series[0].Attribute("fill")!, (string)series[1].Attribute("fill")!);
        Assert.Equal(["EX", "IN"], svg.WithClass("legend-entry").Select(e => e.Value));
        Assert.Contains("time (ms)", svg.Texts("axis-label"));
        var (xMin, xMax, _, _) = SvgInspector.Limits(svg.WithClass("plot-area").Single());
        Assert.Equal((0.0, 100.0), (xMin, xMax));

        var named = new SvgInspector(SpikeRasterFigure.Create([ex, inh], populationNamesOnY: true));
        var yLabels = named.WithClass("y-axis").Single().Elements().Where(e => (string?)e.Attribute("class") == "tick-label").Select(e => e.Value);
        Assert.Equal(["EX", "IN"], yLabels);
    }

    [Fact]
    public void FiringRateHistogramUsesHundredSpikesPerBinAndHz()
    {
        // 10 nodes firing every 1 ms on 1…1000 ms: 10000 spikes, rate 1000 Hz per node.
        var pop = Regular("EX", 1, 10, 1, 1000);
        Assert.Equal(999.0 / (10000 / 100.0 + 1.0), FiringRateHistogramFigure.HeuristicBinMs(999, 10000), 1e-12);
        Assert.Equal(50.0, FiringRateHistogramFigure.HeuristicBinMs(1000, 500));
        var (edges, rates, bin) = FiringRateHistogramFigure.Compute([pop]);
        Assert.Equal(rates.Length + 1, edges.Length);
        Assert.Equal((1.0, 1000.0), (edges[0], edges[^1]));
        Assert.Equal(999.0 / 101.0, bin, 1e-12);
        Assert.Equal(10000, rates.Sum(r => r * 10 * bin * 1e-3), 1e-6); // counts recovered
        foreach (var r in rates[..^1])
        {
            Assert.InRange(r, 1000 * 9.0 / 9.9, 1000 * 11.0 / 9.9); // 9 or 10 (or 11) spikes per node per bin
        }

        var svg = new SvgInspector(FiringRateHistogramFigure.Create([pop]));
        Assert.Contains("PSTH (Hz)", svg.Texts("axis-label"));
        Assert.Equal(2 * rates.Length, ((string)svg.Series("line").Single().Elements().Single().Attribute("d")!).Count(c => c is 'M' or 'L'));
    }

    [Fact]
    public void IsiHistogramOfRegularFiringIsOneBin()
    {
        var pop = Regular("EX", 1, 3, 10, 200);
        Assert.All(IsiHistogramFigure.Values([pop], false), v => Assert.Equal(10, v, 1e-9));
        Assert.All(IsiHistogramFigure.Values([pop], true), v => Assert.Equal(100, v, 1e-6));
        var svg = new SvgInspector(IsiHistogramFigure.Create([pop]));
        var bar = svg.Series("bars").Single().Elements().Single();
        Assert.Equal("rect", bar.Name.LocalName);
        Assert.Contains("inter-spike interval (ms)", svg.Texts("axis-label"));
        var frequency = new SvgInspector(IsiHistogramFigure.Create([pop], useFrequency: true, binSize: 20));
        Assert.Contains("frequency (Hz)", frequency.Texts("axis-label"));
        Assert.Equal(4, frequency.Series("bars").Single().Elements().Count()); // edges arange(0, 100, 20) = 0 … 80: 4 bins
    }

    [Fact]
    public void PopulationRatesAreHzPerNeuron()
    {
        // 4 neurons, 2 of them fire once in [10, 11): 2 / 4 / 1 ms = 500 Hz in that bin.
        var pop = new PopulationSpikes("EX", [10.2, 10.7, 50.0], [1, 2, 3], Size: 4);
        var (left, rate) = PopulationRateFigure.Compute(pop, 0, 100, 1.0);
        Assert.Equal(100, left.Length); // edges 0, 1, …, 100 as numpy.arange(0, 100 + 1, 1)
        Assert.Equal(500.0, rate[10], 1e-9);
        Assert.Equal(250.0, rate[50], 1e-9);
        Assert.Equal(750.0, rate.Sum(), 1e-9);

        var two = new[] { pop, pop with { Name = "IN" } };
        var fill = new SvgInspector(PopulationRateFigure.Create(two, 0, 100));
        Assert.Equal(2, fill.Series("area").Count());
        Assert.Equal(2, fill.WithClass("axes").Count());
        var bars = new SvgInspector(PopulationRateFigure.Create(two, 0, 100, 5.0, RateStyle.Bars));
        Assert.Equal(2 * 20, bars.Series("bars").Sum(s => s.Elements().Count()));
        Assert.Contains("rate (Hz)", bars.Texts("axis-label"));
    }

    [Fact]
    public void FiringAnimationHasOneFramePerWindow()
    {
        var pop = new PopulationSpikes("EX", [5, 25, 26, 61], [1, 2, 3, 1]);
        var frames = FiringAnimationFigure.Frames([pop], id => (id * 10.0, -id * 5.0), 20);
        Assert.Equal(3, frames.Count); // windows 0–20, 20–40, 40–60 (⌊61/20⌋ = 3 is excluded, as bluepysnap)
        Assert.Equal([10.0], frames[0].X);
        Assert.Equal([20.0, 30.0], frames[1].X);
        Assert.Empty(frames[2].X);
        var svg = new SvgInspector(FiringAnimationFigure.Create([pop], id => (id * 10.0, -id * 5.0), 20));
        Assert.Equal(3, svg.WithClass("frame").Count());
        Assert.Equal(3, svg.Document.Descendants(SvgInspector.Svg + "animate").Count());
        Assert.Equal(3, FiringAnimationFigure.FrameSequence([pop], id => (id * 10.0, -id * 5.0), 20).Count);
    }

    [Fact]
    public void LaminarTracesAndCsdImage()
    {
        var t = Enumerable.Range(0, 300).Select(i => i * 0.5).ToArray();
        var z = new[] { 0.0, -100, -200, -300, -400, -500 };
        var data = z.Select((_, c) => t.Select(x => (c + 1) * 0.01 * Math.Sin(x / 10)).ToArray()).ToArray();
        var lfp = new SvgInspector(LaminarTracesFigure.Create(t, z, data, "LFP", "mV"));
        Assert.Equal(6 + 1, lfp.Series("line").Count()); // six contacts + scale bar
        Assert.Contains("depth (µm)", lfp.Texts("axis-label"));
        Assert.Contains("time (ms)", lfp.Texts("axis-label"));
        Assert.Contains(lfp.Series("text"), s => s.Value.Contains("mV"));
        var yLabels = lfp.WithClass("y-axis").Single().Elements().Where(e => (string?)e.Attribute("class") == "tick-label").Select(e => e.Value).ToArray();
        Assert.Equal(["0", "-100", "-200", "-300", "-400", "-500"], yLabels);

        var t2 = Enumerable.Range(0, 600).Select(i => i * 0.5).ToArray();
        var data2 = z.Select((_, c) => t2.Select(x => (c - 2.5) * Math.Sin(x / 10)).ToArray()).ToArray();
        var csd = new SvgInspector(CsdImageFigure.Create(t2, z, data2));
        var (xMin, xMax, yMin, yMax) = SvgInspector.Limits(csd.WithClass("plot-area").Single());
        Assert.Equal(-0.25, xMin, 1e-12);
        Assert.Equal(299.75, xMax, 1e-12);
        Assert.Equal((-550.0, 50.0), (yMin, yMax));
        Assert.Contains("CSD (nA/µm³)", csd.Texts("axis-label"));
        Assert.StartsWith("data:image/png", (string)csd.Series("image").Single().Elements().Single().Attribute("href")!);
    }

    [Fact]
    public void SignalTracesAndSpectra()
    {
        var t = Enumerable.Range(0, 100).Select(i => (double)i).ToArray();
        var p = new[] { t.Select(Math.Sin).ToArray(), t.Select(Math.Cos).ToArray(), t.Select(x => 0.1 * x).ToArray() };
        var cdm = new SvgInspector(SignalTracesFigure.Create(t, p, ["p_x", "p_y", "p_z"], "current dipole moment", "nA·µm"));
        Assert.Equal(3, cdm.WithClass("axes").Count());
        Assert.Contains("p_z (nA·µm)", cdm.Texts("axis-label"));
        var eeg = new SvgInspector(SignalTracesFigure.Create(t, p[..2], ["E1", "E2"], "EEG", "mV", stacked: false));
        Assert.Single(eeg.WithClass("axes"));
        Assert.Equal(2, eeg.WithClass("legend-entry").Count());

        var f = new[] { 0.0, 1, 2, 5, 10, 20, 50, 100, -100 };
        var spectra = new[] { f.Select(x => 1 / (1 + x * x)).ToArray() };
        var psd = new SvgInspector(PowerSpectrumFigure.Create(f, spectra, ["LFP"]));
        var path = (string)psd.Series("line").Single().Elements().Single().Attribute("d")!;
        Assert.Equal(7, path.Count(c => c is 'M' or 'L'));
        var (xMin, xMax, _, _) = SvgInspector.Limits(psd.WithClass("plot-area").Single());
        Assert.True(xMin > 0.8 && xMin < 1 && xMax > 100 && xMax < 125, $"{xMin} {xMax}");
        Assert.Contains("PSD (mV²/Hz)", psd.Texts("axis-label"));
    }

    [Fact]
    public void SegmentPolygonsFollowLfpyCorners()
    {
        // Segment 0 along +x from (0,0,0) to (10,0,0), d = 2; segment 1 along +z from (10,0,0) to (10,0,20), d = 4.
        var g = new CellGeometry([0, 10], [10, 10], [0, 0], [0, 0], [0, 0], [0, 20], [2, 4], [10, 20], [62.8, 251.3]);
        var polygons = SegmentPolygons.Create(g);
        Assert.Equal([0, 10, 10, 0], polygons[0].U.Select(v => Math.Round(v, 12)));
        Assert.Equal([1, 1, -1, -1], polygons[0].V.Select(v => Math.Round(v, 12)));
        Assert.Equal([8, 8, 12, 12], polygons[1].U.Select(v => Math.Round(v, 12)));
        Assert.Equal([0, 20, 20, 0], polygons[1].V.Select(v => Math.Round(v, 12)));

        var svg = new SvgInspector(MorphologyFigure.Create([new PlacedCell(g, "EX"), new PlacedCell(g, "IN")], contacts: ([0.0, 0.0], [-10.0, 10.0])));
        Assert.Equal(2, svg.Series("polygons").Count());
        Assert.Equal(2, svg.Series("polygons").First().Elements().Count(e => e.Name.LocalName == "polygon"));
        Assert.Equal(2, svg.Series("scatter").Single().Elements().Count());
        Assert.Contains("z (µm)", svg.Texts("axis-label"));
        var (xMin, xMax, yMin, yMax) = SvgInspector.Limits(svg.WithClass("plot-area").Single());
        var axes = svg.WithClass("axes").Single();
        // Equal aspect: µm per px equal on x and y.
        var figure = MorphologyFigure.Create([new PlacedCell(g, "EX")]);
        var a = figure.Axes[0];
        var (x0, x1, y0, y1) = a.Limits();
        Assert.Equal((x1 - x0) / a.Width, (y1 - y0) / a.Height, 1e-9);
        Assert.True(xMax > xMin && yMax > yMin && axes is not null);

        var positions = new SvgInspector(MorphologyFigure.CellPositions([("EX", [0.0, 1, 2], [0.0, -1, -2]), ("IN", [5.0], [5.0])]));
        Assert.Equal(4, positions.Series("scatter").Sum(s => s.Elements().Count()));
    }
}
