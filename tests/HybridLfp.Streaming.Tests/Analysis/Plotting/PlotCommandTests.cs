using System.Xml.Linq;
using HybridLfp.Streaming.Cli;
using HybridLfp.Streaming.Tests.Support;

namespace HybridLfp.Streaming.Tests.Analysis.Plotting;

/// <summary>`hlfp plot` end to end on the shared NEST spike files and on a small signal CSV.</summary>
public sealed class PlotCommandTests
{
    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await Program.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task RasterOfBrunelGdfFilesHasOneDotPerSpike()
    {
        var ex = SharedPaths.Of("data", "hybridLFPy-brunel-order50", "brunel-py-EX-0.gdf");
        var inh = SharedPaths.Of("data", "hybridLFPy-brunel-order50", "brunel-py-IN-0.gdf");
        var directory = Directory.CreateTempSubdirectory("hlfp-plot-");
        try
        {
            var output = Path.Combine(directory.FullName, "raster.svg");
            var (code, _, err) = await RunAsync("plot", "raster", ex, inh, "--names", "EX,IN", "-o", output);
            Assert.True(code == 0, err);
            var svg = XDocument.Load(output);
            XNamespace ns = "http://www.w3.org/2000/svg";
            var series = svg.Descendants(ns + "g").Where(g => ((string?)g.Attribute("class"))?.StartsWith("series scatter") == true).ToArray();
            Assert.Equal(["EX", "IN"], series.Select(s => (string)s.Attribute("data-label")!));
            // Every non-empty line of a .gdf file is one spike.
            Assert.Equal(File.ReadLines(ex).Count(l => l.Trim().Length > 0), series[0].Elements(ns + "circle").Count());
            Assert.Equal(File.ReadLines(inh).Count(l => l.Trim().Length > 0), series[1].Elements(ns + "circle").Count());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Nest3DatFilesWithHeaderAndCsvSignalsPlot()
    {
        var dat = Directory.GetFiles(SharedPaths.Of("data", "nest3-potjans2014"), "spike_recorder-*.dat").Order().First();
        var directory = Directory.CreateTempSubdirectory("hlfp-plot-");
        try
        {
            var rates = Path.Combine(directory.FullName, "rates.svg");
            var (code, _, err) = await RunAsync("plot", "rates", dat, "--bin", "10", "-o", rates);
            Assert.True(code == 0, err);
            Assert.Equal("svg", XDocument.Load(rates).Root!.Name.LocalName);

            var csv = Path.Combine(directory.FullName, "lfp.csv");
            File.WriteAllLines(csv, ["time,0,-100,-200", .. Enumerable.Range(0, 50).Select(i => $"{i * 0.1},{Math.Sin(i / 5.0)},{Math.Cos(i / 5.0)},0.5")]);
            foreach (var kind in new[] { "laminar", "csd", "traces", "spectrum" })
            {
                var output = Path.Combine(directory.FullName, kind + ".svg");
                (code, _, err) = await RunAsync("plot", kind, csv, "-o", output);
                Assert.True(code == 0, $"{kind}: {err}");
                Assert.Equal("svg", XDocument.Load(output).Root!.Name.LocalName);
            }

            File.WriteAllLines(csv, ["time,a", "0,1", "0.1,x"]);
            (code, _, err) = await RunAsync("plot", "traces", csv, "-o", Path.Combine(directory.FullName, "bad.svg"));
            Assert.Equal(2, code);
            Assert.Contains("lfp.csv:3:", err);
            Assert.Contains("expected a number", err);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AnimationReadsPositionsAndWritesOneFramePerWindow()
    {
        var directory = Directory.CreateTempSubdirectory("hlfp-plot-");
        try
        {
            var spikes = Path.Combine(directory.FullName, "spikes.gdf");
            File.WriteAllLines(spikes, ["1\t5.0", "2\t12.0", "1\t31.0", "3\t45.0"]);
            var positions = Path.Combine(directory.FullName, "positions.csv");
            File.WriteAllLines(positions, ["id,x,z", "1,0,-100", "2,50,-200", "3,-50,-300"]);
            var output = Path.Combine(directory.FullName, "anim.svg");
            var (code, _, err) = await RunAsync("plot", "animation", spikes, "--positions", positions, "--dt", "10", "-o", output);
            Assert.True(code == 0, err);
            XNamespace ns = "http://www.w3.org/2000/svg";
            var frames = XDocument.Load(output).Descendants(ns + "g").Where(g => (string?)g.Attribute("class") == "frame").ToArray();
            Assert.Equal(4, frames.Length); // windows 0–10, 10–20, 20–30, 30–40 (⌊45/10⌋ = 4 excluded)
            Assert.Equal([1, 1, 0, 1], frames.Select(f => f.Elements(ns + "circle").Count()));

            (code, _, err) = await RunAsync("plot", "animation", spikes, "-o", output);
            Assert.Equal(2, code);
            Assert.Contains("--positions", err);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task BadSpikeLineNamesFileAndLine()
    {
        var directory = Directory.CreateTempSubdirectory("hlfp-plot-");
        try
        {
            var file = Path.Combine(directory.FullName, "spikes.gdf");
            File.WriteAllLines(file, ["1 2.5", "2 oops"]);
            var (code, _, err) = await RunAsync("plot", "raster", file, "-o", Path.Combine(directory.FullName, "r.svg"));
            Assert.Equal(2, code);
            Assert.Contains("spikes.gdf:2:", err);
            Assert.Contains("gid time_ms", err);
            (code, _, err) = await RunAsync("plot", "nonsense", file, "-o", "x.svg");
            Assert.Equal(2, code);
            Assert.Contains("unknown plot kind", err);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
