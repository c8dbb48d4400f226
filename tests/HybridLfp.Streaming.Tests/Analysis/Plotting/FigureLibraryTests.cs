using System.IO.Compression;
using HybridLfp.Streaming.Numerics.Analysis;
using HybridLfp.Streaming.Plotting;
using HybridLfp.Streaming.Plotting.Series;

namespace HybridLfp.Streaming.Tests.Analysis.Plotting;

/// <summary>The SVG figure library: ticks, colour maps, PNG encoding, axes structure.</summary>
public sealed class FigureLibraryTests
{
    [Fact]
    public void NiceTicksUseOneTwoFiveSteps()
    {
        Assert.Equal(0.2, NiceTicks.Step(0, 1, 5), 1e-15);
        Assert.Equal(2.0, NiceTicks.Step(0, 7.3, 5), 1e-15);
        Assert.Equal(25.0, NiceTicks.Step(0, 110, 5), 1e-15);
        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1.0], NiceTicks.Linear(0, 1, 5).Select(v => Math.Round(v, 12)));
        Assert.Equal([-5, -2.5, 0, 2.5, 5], NiceTicks.Linear(-5, 7.3, 5)); // step 12.3/5 → 2.5
        Assert.Equal([1, 10, 100, 1000], NiceTicks.Logarithmic(0.5, 2000));
        Assert.Equal("0.25", NiceTicks.Format(0.25, 0.05));
        Assert.Equal("2.5", NiceTicks.Format(2.5, 2.5));
        Assert.Equal("300", NiceTicks.Format(300, 100));
        Assert.Equal("2E-6", NiceTicks.Format(2e-6, 1e-6));
    }

    [Fact]
    public void SequentialMapIsMonotoneInLightnessAndHitsItsAnchors()
    {
        var map = ColorMap.Sequential;
        Assert.Equal(Rgb.Parse("#440154"), map.Map(0));
        Assert.Equal(Rgb.Parse("#fde725"), map.Map(1));
        double Luminance(Rgb c) => 0.2126 * c.R + 0.7152 * c.G + 0.0722 * c.B;
        var previous = -1.0;
        for (var i = 0; i <= 50; i++)
        {
            var l = Luminance(map.Map(i / 50.0));
            Assert.True(l > previous, $"luminance not increasing at {i / 50.0}");
            previous = l;
        }

        // Diverging: symmetric ends are dark, the middle is the lightest.
        var mid = Luminance(ColorMap.Diverging.Map(0.5));
        Assert.True(mid > Luminance(ColorMap.Diverging.Map(0)) && mid > Luminance(ColorMap.Diverging.Map(1)));
    }

    [Fact]
    public void PngEncoderWritesValidChunksAndPixels()
    {
        var red = new Rgb(255, 0, 0);
        var blue = new Rgb(0, 0, 255);
        var png = PngEncoder.Encode([[red, blue], [blue, red]]);
        Assert.Equal(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        // IEND chunk: length 0, type, CRC 0xAE426082 (the constant every PNG ends with).
        Assert.Equal(new byte[] { 0, 0, 0, 0, 73, 69, 78, 68, 0xAE, 0x42, 0x60, 0x82 }, png[^12..]);
        // CRC-32 check value of "123456789" is 0xCBF43926.
        Assert.Equal(0xCBF43926u, PngEncoder.Crc32(0xFFFFFFFF, "123456789"u8) ^ 0xFFFFFFFF);

        var idatLength = (png[33] << 24) | (png[34] << 16) | (png[35] << 8) | png[36];
        Assert.Equal("IDAT", System.Text.Encoding.ASCII.GetString(png, 37, 4));
        using var z = new ZLibStream(new MemoryStream(png, 41, idatLength), CompressionMode.Decompress);
        var raw = new MemoryStream();
        z.CopyTo(raw);
        Assert.Equal(new byte[] { 0, 255, 0, 0, 0, 0, 255, 0, 0, 0, 255, 255, 0, 0 }, raw.ToArray());
    }

    [Fact]
    public void AxesRenderLimitsTicksAndLabelsWithUnits()
    {
        var figure = new Figure(400, 300);
        var axes = figure.AddGrid(1)[0];
        axes.Add(new LineSeries([0, 1, 2], [5, -5, 10]) { Label = "trace" });
        axes.X.Label = "time";
        axes.X.Unit = "ms";
        axes.X.Min = 0;
        axes.X.Max = 2;
        axes.Y.Label = "LFP";
        axes.Y.Unit = "mV";
        axes.ShowLegend = true;
        var svg = new SvgInspector(figure);
        var plot = Assert.Single(svg.WithClass("plot-area"));
        var (xMin, xMax, yMin, yMax) = SvgInspector.Limits(plot);
        Assert.Equal((0.0, 2.0), (xMin, xMax));
        // y from the data with a 3 % margin on each side.
        Assert.Equal(-5 - 0.45, yMin, 1e-12);
        Assert.Equal(10 + 0.45, yMax, 1e-12);
        Assert.Contains("time (ms)", svg.Texts("axis-label"));
        Assert.Contains("LFP (mV)", svg.Texts("axis-label"));
        Assert.Equal(["0", "1", "2"], svg.WithClass("x-axis").Single().Elements().Where(e => (string?)e.Attribute("class") == "tick-label").Select(e => e.Value));
        Assert.Single(svg.WithClass("legend-entry"));
        Assert.Single(svg.Series("line"));
    }

    [Fact]
    public void LogAxesPlaceDecadesAndDropNonPositiveValues()
    {
        var figure = new Figure(400, 300);
        var axes = figure.AddGrid(1)[0];
        axes.Add(new LineSeries([0, 1, 10, 100], [1, 1e-2, 1e-4, 1e-6]));
        axes.X.Scale = AxisScale.Logarithmic;
        axes.Y.Scale = AxisScale.Logarithmic;
        axes.X.Margin = 0;
        axes.Y.Margin = 0;
        var svg = new SvgInspector(figure);
        var (xMin, xMax, yMin, yMax) = SvgInspector.Limits(svg.WithClass("plot-area").Single());
        Assert.Equal(1.0, xMin, 1e-12);
        Assert.Equal(100.0, xMax, 1e-12);
        Assert.Equal(1e-6, yMin, 1e-18);
        Assert.Equal(1e-2, yMax, 1e-14);
        var xLabels = svg.WithClass("x-axis").Single().Elements().Where(e => (string?)e.Attribute("class") == "tick-label").Select(e => e.Value).ToArray();
        Assert.Equal(["100", "101", "102"], xLabels); // "10" with a superscript exponent
        var path = (string)svg.Series("line").Single().Elements().Single().Attribute("d")!;
        Assert.Equal(3, path.Count(c => c is 'M' or 'L')); // the x = 0 point is left out on a log axis
    }

    [Fact]
    public void ImagesUseRectsWhenSmallAndPngWhenLarge()
    {
        var small = new Figure(300, 300);
        var a = small.AddGrid(1, colorBars: true)[0];
        a.Add(new ImageSeries([[1, 2, 3], [4, 5, 6]], 0, 3, 0, 2));
        a.ColorBar = new ColorBar(ColorMap.Sequential, 1, 6) { Label = "value", Unit = "mV" };
        var s = new SvgInspector(small);
        Assert.Equal(6, s.Series("image").Single().Elements().Count(e => e.Name.LocalName == "rect"));
        Assert.Contains("value (mV)", s.Texts("axis-label"));
        Assert.Single(s.WithClass("colorbar"));

        var large = new Figure(300, 300);
        large.AddGrid(1)[0].Add(new ImageSeries(Enumerable.Range(0, 10).Select(i => Enumerable.Range(0, 500).Select(j => (double)(i * j)).ToArray()).ToArray(), 0, 1, 0, 1));
        var l = new SvgInspector(large);
        var image = l.Series("image").Single().Elements().Single();
        Assert.Equal("image", image.Name.LocalName);
        Assert.StartsWith("data:image/png;base64,", (string)image.Attribute("href")!);
        Assert.DoesNotContain("http://", l.Text.Replace("http://www.w3.org/2000/svg", ""));
    }

    [Fact]
    public void HistogramFollowsNumpyConventions()
    {
        // numpy.histogram_bin_edges(1..10, 'auto'): Sturges width 9/(log2 10 + 1) < FD width → 5 bins.
        var values = Enumerable.Range(1, 10).Select(v => (double)v).ToArray();
        var edges = Histogram.AutoEdges(values);
        Assert.Equal([1, 2.8, 4.6, 6.4, 8.2, 10], edges.Select(e => Math.Round(e, 12)));
        Assert.Equal([2, 2, 2, 2, 2], Histogram.Counts(values, edges));
        // Half-open bins, last closed, outside ignored.
        Assert.Equal([2, 2], Histogram.Counts([0, 0.5, 1, 2, 3], [0, 1, 2]));
        Assert.Equal([0, 10, 20, 25], Histogram.UniformEdges(0, 25, 10, appendStop: true));
        Assert.Equal([9.5, 10.5], Histogram.AutoEdges([10, 10, 10]));
    }
}
