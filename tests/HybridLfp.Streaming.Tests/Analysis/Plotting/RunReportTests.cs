using System.Xml.Linq;
using HybridLfp.Streaming.Plotting.Figures;
using HybridLfp.Streaming.Plotting.Report;

namespace HybridLfp.Streaming.Tests.Analysis.Plotting;

/// <summary>The HTML run report is one self-contained, well-formed page with every section that has data.</summary>
public sealed class RunReportTests
{
    [Fact]
    public void ReportIsSelfContainedWithAllSections()
    {
        var t = Enumerable.Range(0, 400).Select(i => i * 0.5).ToArray();
        var z = new[] { 0.0, -100, -200, -300 };
        var lfp = z.Select((_, c) => t.Select(x => 0.01 * (c + 1) * Math.Sin(x / 7)).ToArray()).ToArray();
        var report = new RunReport { Title = "brunel test run", Lfp = new LaminarSignal("LFP", "mV", t, z, lfp), Csd = new LaminarSignal("CSD", "nA/µm³", t, z, lfp) };
        report.AddSummary("cells", "100").AddSummary("wall time", "1.5 s");
        report.Spikes =
        [
            new PopulationSpikes("EX", [1, 5, 9, 20, 40, 80, 120], [1, 2, 1, 3, 2, 1, 3], 4),
            new PopulationSpikes("IN", [3, 30, 60], [10, 11, 10], 2),
        ];
        report.Traces.Add(new TraceSet("current dipole moment", "nA·µm", t, [lfp[0], lfp[1], lfp[2]], ["p_x", "p_y", "p_z"]));

        var directory = Directory.CreateTempSubdirectory("hlfp-report-");
        try
        {
            var path = Path.Combine(directory.FullName, "report.html");
            report.Save(path);
            var text = File.ReadAllText(path);
            Assert.StartsWith("<!DOCTYPE html>\n", text);
            var html = XDocument.Parse(text["<!DOCTYPE html>\n".Length..]).Root!;
            Assert.Equal("html", html.Name.LocalName);

            // Raster, rates, PSTH, LFP, CSD, CDM and the LFP spectra computed for the report.
            XNamespace svg = "http://www.w3.org/2000/svg";
            Assert.Equal(7, html.Descendants(svg + "svg").Count());
            Assert.Equal(["Run summary", "Input spikes", "Extracellular signals", "Power spectra"], html.Descendants("h2").Select(h => h.Value));
            Assert.Equal(["cells", "wall time"], html.Descendants("th").Select(h => h.Value));
            Assert.Contains("CSD (nA/µm³)", text);
            Assert.Contains("p_z (nA·µm)", text);

            // Element ids are unique across the inlined figures (clip paths must not resolve into another figure).
            var ids = html.Descendants().Attributes("id").Select(a => a.Value).ToArray();
            Assert.Equal(ids.Length, ids.Distinct().Count());
            Assert.All(html.Descendants().Attributes("clip-path"), a => Assert.Contains(a.Value[5..^1], ids));

            // Nothing is fetched from elsewhere: no scripts, no src attributes, no URLs but the SVG namespace.
            Assert.DoesNotContain("<script", text);
            Assert.DoesNotContain(html.DescendantsAndSelf().Attributes(), a => a.Name.LocalName == "src");
            Assert.DoesNotContain("http", text.Replace("http://www.w3.org/2000/svg", ""));
            Assert.All(html.Descendants().Attributes("href"), a => Assert.StartsWith("data:image/png;base64,", a.Value));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void SameDataGiveTheSameFile()
    {
        RunReport Make()
        {
            var r = new RunReport { Spikes = [new PopulationSpikes("EX", [1, 2, 30], [1, 2, 1])] };
            r.AddSummary("cells", "1");
            return r;
        }

        Assert.Equal(Make().ToHtml(), Make().ToHtml());
    }

    [Fact]
    public void EmptyReportHasOnlyTheTitle()
    {
        var html = XDocument.Parse(new RunReport().ToHtml()["<!DOCTYPE html>\n".Length..]).Root!;
        Assert.Empty(html.Descendants("h2"));
        Assert.Equal("hlfp run report", html.Descendants("h1").Single().Value);
    }
}
