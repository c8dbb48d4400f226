using System.Xml.Linq;
using HybridLfp.Streaming.Blocks.Sinks.Hdf5;
using HybridLfp.Streaming.Cli.Commands;
using HybridLfp.Streaming.Numerics;
using HybridLfp.Streaming.Pipeline.Reporting;
using HybridLfp.Streaming.Pipeline.Run;
using HybridLfp.Streaming.Tests.Hdf5Sink;

namespace HybridLfp.Streaming.Tests.Report;

/// <summary>`hlfp report OUT` on an output folder the test writes itself: signals.h5 from the HDF5 sink, run.json, a spike file.</summary>
public sealed class RunOutputReportTests : IDisposable
{
    private static readonly XNamespace s_svg = "http://www.w3.org/2000/svg";
    private readonly string _dir = Directory.CreateTempSubdirectory("hlfp-report-out-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly (long Gid, double T)[] s_spikes = [(1, 0.5), (3, 1.25), (5, 2.0), (2, 3.5), (6, 4.75), (4, 6.0), (1, 7.5)];

    private async Task WriteRunAsync(bool withManifest)
    {
        var sink = new Hdf5SignalSink(_dir, 1.0);
        foreach (var frame in SignalFrames.Windows(4, 3, 3))
        {
            using (frame)
            {
                await sink.WriteAsync(frame, CancellationToken.None);
            }
        }

        await sink.CompleteAsync(true);
        Directory.CreateDirectory(Path.Combine(_dir, "spikes"));
        File.WriteAllLines(Path.Combine(_dir, "spikes", "network.gdf"), s_spikes.Select(s => FormattableString.Invariant($"{s.Gid}\t{s.T}")));
        if (withManifest)
        {
            RunManifestFile.Write(_dir, new RunManifest
            {
                Recipe = null,
                DtMs = 0.1,
                DtOutputMs = 1.0,
                TstopMs = 9.0,
                Seed = 7,
                Populations = [new("EX", 40), new("IN", 10)],
                Network = [new("EX", 1, 4, ["spikes/network.gdf"]), new("IN", 5, 2, ["spikes/network.gdf"])],
                Probes = [new("RecExtElectrode", "RecExtElectrode", 3, "mV", [0, -100, -200]), new("LaminarCurrentSourceDensity", "LaminarCurrentSourceDensity", 2, "nA/µm³", [-50, -150])],
                Files = ["signals.h5"],
                Summary = new RunManifestSummary(50, 5000, 123, 3, 9.0, 4500, 0.25, 64L << 20, 1.8e8),
            });
        }
    }

    private static XElement Html(string path)
    {
        var text = File.ReadAllText(path);
        Assert.StartsWith("<!DOCTYPE html>\n", text);
        Assert.DoesNotContain("<script", text);
        Assert.DoesNotContain("http", text.Replace("http://www.w3.org/2000/svg", ""));
        return XDocument.Parse(text["<!DOCTYPE html>\n".Length..]).Root!;
    }

    [Fact]
    public async Task Report_HasSummarySpikesLfpCsdAndSpectra_FromTheRunFiles()
    {
        await WriteRunAsync(withManifest: true);
        var path = await RunOutputReport.WriteAsync(_dir);
        Assert.Equal(Path.Combine(_dir, "report.html"), path);
        var html = Html(path);
        Assert.Equal(["Run summary", "Input spikes", "Extracellular signals", "Power spectra"], html.Descendants("h2").Select(h => h.Value));
        var rows = html.Descendants("tr").ToDictionary(r => r.Element("th")!.Value, r => r.Element("td")!.Value);
        Assert.Equal("EX: 40 cells, IN: 10 cells", rows["populations"]);
        Assert.Equal("EX: gids 1–4, IN: gids 5–6", rows["network"]);
        Assert.Equal("123", rows["synaptic events"]);
        Assert.Equal("50 / 5000", rows["cells / compartments"]);
        Assert.Equal("64.0 MiB", rows["peak memory"]);

        // raster, population rates, PSTH, LFP traces, CSD image, LFP spectra.
        Assert.Equal(6, html.Descendants(s_svg + "svg").Count());
        var captions = html.Descendants("figcaption").Select(c => c.Value).ToArray();
        Assert.Contains("LFP (RecExtElectrode) by depth", captions);
        Assert.Contains("CSD (LaminarCurrentSourceDensity) over depth and time", captions);

        // The LFP figure draws one line series per contact plus the amplitude scale bar.
        var lfpFigure = html.Descendants("figure").Single(f => f.Element("figcaption")!.Value == "LFP (RecExtElectrode) by depth");
        Assert.Equal(4, lfpFigure.Descendants(s_svg + "g").Count(g => (string?)g.Attribute("class") == "series line"));
    }

    [Fact]
    public async Task RasterShowsEverySpikeOfEachPopulation()
    {
        await WriteRunAsync(withManifest: true);
        var report = await RunOutputReport.BuildAsync(_dir);
        Assert.NotNull(report.Spikes);
        var ex = report.Spikes!.Single(p => p.Name == "EX");
        var inh = report.Spikes!.Single(p => p.Name == "IN");
        Assert.Equal(s_spikes.Where(s => s.Gid <= 4).Select(s => s.T), ex.TimesMs);
        Assert.Equal(s_spikes.Where(s => s.Gid <= 4).Select(s => s.Gid), ex.NodeIds);
        Assert.Equal(s_spikes.Where(s => s.Gid >= 5).Select(s => s.T), inh.TimesMs);
        Assert.Equal(4, ex.NeuronCount);
        Assert.Equal(2, inh.NeuronCount);

        // The LFP handed to the report is signals.h5's sum, bit for bit, at the manifest's depths.
        Assert.Equal([0.0, -100, -200], report.Lfp!.DepthsUm);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (double)i), report.Lfp.TimesMs);
        var expected = SignalFrames.Expected(0, -1, 10);
        Assert.Equal(expected, report.Lfp.Data.SelectMany(r => r));
    }

    [Fact]
    public async Task WithoutManifest_TheReportUsesSignalsH5Alone()
    {
        await WriteRunAsync(withManifest: false);
        var html = Html(await RunOutputReport.WriteAsync(_dir, Path.Combine(_dir, "r.html")));
        Assert.Equal(["Run summary", "Extracellular signals", "Power spectra"], html.Descendants("h2").Select(h => h.Value));
        Assert.Contains(html.Descendants("td"), td => td.Value.StartsWith("none", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReportCommand_WritesTheFile_AndRejectsAFolderWithoutOutputs()
    {
        await WriteRunAsync(withManifest: true);
        var stdout = new StringWriter();
        Assert.Equal(0, await new ReportCommand().RunAsync([_dir], stdout, TextWriter.Null, CancellationToken.None));
        Assert.Contains("report.html", stdout.ToString());
        Assert.True(File.Exists(Path.Combine(_dir, "report.html")));

        var empty = Directory.CreateTempSubdirectory("hlfp-report-empty-").FullName;
        try
        {
            var e = await Assert.ThrowsAsync<InputException>(() => new ReportCommand().RunAsync([empty], TextWriter.Null, TextWriter.Null, CancellationToken.None));
            Assert.Contains("run.json", e.Message);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Fact]
    public void Manifest_RoundTrips_AndABrokenOneNamesTheFileAndLine()
    {
        var manifest = new RunManifest
        {
            Recipe = "/x/recipe.yaml",
            DtMs = 0.1,
            DtOutputMs = 1,
            TstopMs = 100,
            Populations = [new("EX", 3, "/m/p.hoc")],
            Network = [new("EX", 1, 10, ["/s/a.gdf"])],
            Probes = [new("RecExtElectrode", "RecExtElectrode", 2, "mV", [0, -100]), new("CurrentDipoleMoment", "CurrentDipoleMoment", 3, "nA·µm")],
            Files = ["signals.h5"],
        };
        RunManifestFile.Write(_dir, manifest);
        var text = File.ReadAllText(Path.Combine(_dir, "run.json"));
        Assert.Contains("\"dt_output_ms\": 1", text);
        Assert.Contains("\"spike_files\"", text);
        var back = RunManifestFile.Read(_dir);
        Assert.Equal(manifest.Recipe, back.Recipe);
        Assert.Equal(manifest.TstopMs, back.TstopMs);
        Assert.Equal(manifest.Populations.ToArray(), back.Populations.ToArray());
        Assert.Equal(manifest.Network[0].SpikeFiles.ToArray(), back.Network[0].SpikeFiles.ToArray());
        Assert.Equal([0.0, -100], back.Probes[0].DepthsUm!.Value.ToArray());
        Assert.Null(back.Probes[1].DepthsUm);
        Assert.Equal(manifest.Files.ToArray(), back.Files.ToArray());

        File.WriteAllText(Path.Combine(_dir, "run.json"), "{\n  \"format\": \"hlfp-run/1\",\n  \"tstop_ms\": \"soon\"\n}\n");
        var e = Assert.Throws<InputException>(() => RunManifestFile.Read(_dir));
        Assert.Contains("run.json", e.Message);
        Assert.Equal(3, e.Line);
    }
}
