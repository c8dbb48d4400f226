using System.Text;
using System.Xml;
using System.Xml.Linq;
using HybridLfp.Streaming.Numerics.Analysis;
using HybridLfp.Streaming.Plotting.Figures;

namespace HybridLfp.Streaming.Plotting.Report;

/// <summary>
/// The HTML run report: a self-contained page (inline SVG figures and CSS; no scripts, fonts, links or images from
/// elsewhere) with the run summary table, morphologies with the electrode, the input spike report (raster, population rates, PSTH), the laminar LFP
/// and CSD, further traces (CDM, EEG, MEG) and power spectra. Fill the properties with in-memory data, then
/// <see cref="Save"/>. Sections without data are left out.
/// </summary>
public sealed class RunReport
{
    private int _figureCount;

    /// <summary>Page title.</summary>
    public string Title { get; set; } = "hlfp run report";

    /// <summary>Time stamp printed in the footer; null (default) prints none, so the same data give the same file.</summary>
    public DateTimeOffset? GeneratedAt { get; set; }

    /// <summary>Rows of the summary table (name, value), in order.</summary>
    public IList<KeyValuePair<string, string>> Summary { get; } = new List<KeyValuePair<string, string>>();

    /// <summary>Input spikes per population (raster, rates, PSTH); null = no spike section.</summary>
    public IReadOnlyList<PopulationSpikes>? Spikes { get; set; }

    /// <summary>Bin of the population-rate plot, ms.</summary>
    public double RateBinMs { get; set; } = 5.0;

    /// <summary>Time window of the spike plots, ms (null = from the data).</summary>
    public double? TStartMs { get; set; }

    /// <inheritdoc cref="TStartMs"/>
    public double? TStopMs { get; set; }

    /// <summary>Laminar LFP (traces by depth).</summary>
    public LaminarSignal? Lfp { get; set; }

    /// <summary>Laminar CSD (colour image).</summary>
    public LaminarSignal? Csd { get; set; }

    /// <summary>Other signals: current dipole moment, EEG, MEG, …</summary>
    public IList<TraceSet> Traces { get; } = new List<TraceSet>();

    /// <summary>Power spectra; when empty and <see cref="Lfp"/> is set, the LFP's spectra are computed.</summary>
    public IList<SpectrumSet> Spectra { get; } = new List<SpectrumSet>();

    /// <summary>Cells to draw as morphologies in the x–z plane (e.g. a sample of each population).</summary>
    public IList<PlacedCell> Cells { get; } = new List<PlacedCell>();

    /// <summary>Electrode contact positions (x, z in µm) drawn over the morphologies; null = none.</summary>
    public (double[] X, double[] Z)? Contacts { get; set; }

    /// <summary>Adds a summary row.</summary>
    public RunReport AddSummary(string name, string value)
    {
        Summary.Add(new KeyValuePair<string, string>(name, value));
        return this;
    }

    /// <summary>The whole page as text.</summary>
    public string ToHtml()
    {
        _figureCount = 0;
        var body = new XElement("body", new XElement("h1", Title));
        if (Summary.Count > 0)
        {
            var table = new XElement("table", new XAttribute("class", "summary"));
            foreach (var (name, value) in Summary)
            {
                table.Add(new XElement("tr", new XElement("th", name), new XElement("td", value)));
            }

            body.Add(Section("Run summary", table));
        }

        if (Cells.Count > 0)
        {
            body.Add(Section("Cells and electrode", FigureBlock(MorphologyFigure.Create([.. Cells], Projection.XZ, Contacts),
                "segment outlines in the x–z plane; black dots: contacts")));
        }

        if (Spikes is { Count: > 0 } spikes && spikes.Any(p => p.Count > 0))
        {
            var tStart = TStartMs ?? 0;
            var tStop = TStopMs ?? Math.Ceiling(spikes.SelectMany(p => p.TimesMs).Max());
            body.Add(Section("Input spikes",
                FigureBlock(SpikeRasterFigure.Create(spikes, tStart, tStop), "spike raster (node id over time)"),
                FigureBlock(PopulationRateFigure.Create(spikes, tStart, tStop, RateBinMs), $"population rates, {RateBinMs:0.##} ms bins"),
                FigureBlock(FiringRateHistogramFigure.Create(spikes), "firing-rate histogram (≈100 spikes per bin)")));
        }

        var signals = new List<XElement>();
        if (Lfp is not null)
        {
            signals.Add(FigureBlock(LaminarTracesFigure.Create(Lfp.TimesMs, Lfp.DepthsUm, Lfp.Data, Lfp.Quantity, Lfp.Unit), $"{Lfp.Quantity} by depth"));
        }

        if (Csd is not null)
        {
            signals.Add(FigureBlock(CsdImageFigure.Create(Csd.TimesMs, Csd.DepthsUm, Csd.Data, Csd.Quantity, Csd.Unit), $"{Csd.Quantity} over depth and time"));
        }

        foreach (var t in Traces)
        {
            signals.Add(FigureBlock(SignalTracesFigure.Create(t.TimesMs, t.Traces, t.Names, t.Quantity, t.Unit), t.Quantity));
        }

        if (signals.Count > 0)
        {
            body.Add(Section("Extracellular signals", [.. signals]));
        }

        var spectra = Spectra.Count > 0 ? Spectra : Lfp is null ? [] : [LfpSpectra(Lfp)];
        if (spectra.Count > 0)
        {
            body.Add(Section("Power spectra", spectra
                .Select(s => FigureBlock(PowerSpectrumFigure.Create(s.FrequenciesHz, s.Power, s.Names, "PSD", s.Unit), s.Title)).ToArray()));
        }

        body.Add(new XElement("p", new XAttribute("class", "footer"),
            GeneratedAt is { } at ? $"written by hlfp on {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : "written by hlfp"));
        var html = new XElement("html", new XAttribute("lang", "en"),
            new XElement("head",
                new XElement("meta", new XAttribute("charset", "utf-8")),
                new XElement("title", Title),
                new XElement("style", Style)),
            body);
        var settings = new XmlWriterSettings { OmitXmlDeclaration = true, Indent = false, Encoding = new UTF8Encoding(false) };
        var builder = new StringBuilder("<!DOCTYPE html>\n");
        using (var writer = XmlWriter.Create(builder, settings))
        {
            html.Save(writer);
        }

        return builder.ToString();
    }

    /// <summary>Writes the page to <paramref name="path"/> (e.g. OUTDIR/report.html).</summary>
    public void Save(string path) => File.WriteAllText(path, ToHtml(), new UTF8Encoding(false));

    /// <summary>One-sided power spectral density 2|X|²·Δt/N of each LFP channel, unit²/Hz.</summary>
    private static SpectrumSet LfpSpectra(LaminarSignal lfp)
    {
        var dt = (lfp.TimesMs[^1] - lfp.TimesMs[0]) / (lfp.TimesMs.Length - 1);
        var (freq, power) = Numerics.Analysis.Spectra.PowerSpectrum(lfp.Data, dt);
        var scale = 2 * dt * 1e-3 / lfp.TimesMs.Length;
        return new SpectrumSet($"{lfp.Quantity} power spectral density", $"{lfp.Unit}²/Hz", freq,
            power.Select(p => p.Select(v => v * scale).ToArray()).ToArray(),
            lfp.DepthsUm.Select(z => $"z = {(z == 0 ? 0 : z):0.#} µm").ToArray());
    }

    private static XElement Section(string heading, params XElement[] content) => new("section", new XElement("h2", heading), content);

    private XElement FigureBlock(Figure figure, string caption)
    {
        figure.IdPrefix = $"fig{++_figureCount}";
        return new("figure", figure.ToXDocument().Root, new XElement("figcaption", caption));
    }

    private const string Style =
        "body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;margin:2em auto;max-width:980px;color:#222}" +
        "h1{font-size:1.6em}h2{font-size:1.25em;border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em}" +
        "table.summary{border-collapse:collapse}table.summary th,table.summary td{border:1px solid #ddd;padding:.3em .8em;text-align:left}" +
        "table.summary th{background:#f4f4f4;font-weight:normal}figure{margin:1em 0}figcaption{font-size:.9em;color:#555}" +
        "svg{max-width:100%;height:auto}.footer{color:#888;font-size:.8em;margin-top:3em}";
}
