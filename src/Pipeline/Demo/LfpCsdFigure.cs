using System.Globalization;
using System.Text;
using System.Xml.Linq;
using HybridLfp.Streaming.Blocks.Sinks.Hdf5;
using HybridLfp.Streaming.Plotting;
using HybridLfp.Streaming.Plotting.Figures;

namespace HybridLfp.Streaming.Pipeline.Demo;

/// <summary>
/// The demo's figure <c>lfp_csd.svg</c>: the laminar LFP (one trace per contact at its depth) beside the CSD as a
/// colour image over depth and time, both the sum over populations. Two figures of the plotting library placed
/// side by side as nested <c>&lt;svg&gt;</c> elements in one file.
/// </summary>
public static class LfpCsdFigure
{
    /// <summary>File name in the output folder.</summary>
    public const string FileName = "lfp_csd.svg";

    /// <summary>The two-panel SVG from in-memory data ([channel][sample], depths in µm, times in ms).</summary>
    public static XDocument Create(double[] timesMs, double[] lfpDepthsUm, IReadOnlyList<double[]> lfpMv, double[] csdDepthsUm, IReadOnlyList<double[]> csd)
    {
        var left = LaminarTracesFigure.Create(timesMs, lfpDepthsUm, lfpMv, "LFP", "mV", widthPx: 560, heightPx: 520);
        left.IdPrefix = "lfp";
        var right = CsdImageFigure.Create(timesMs, csdDepthsUm, csd, "CSD", "nA/µm³", widthPx: 640, heightPx: 520);
        right.IdPrefix = "csd";
        XNamespace svg = "http://www.w3.org/2000/svg";
        var l = left.ToXDocument().Root!;
        var r = right.ToXDocument().Root!;
        r.SetAttributeValue("x", left.WidthPx.ToString(CultureInfo.InvariantCulture));
        var width = left.WidthPx + right.WidthPx;
        var height = Math.Max(left.HeightPx, right.HeightPx);
        return new XDocument(new XElement(svg + "svg",
            new XAttribute("width", width.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("height", height.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("viewBox", FormattableString.Invariant($"0 0 {width} {height}")),
            l, r));
    }

    /// <summary>Reads the <c>sum</c> of both probes from <c>signals.h5</c> and writes the figure; returns its path.</summary>
    public static string Write(string outputDirectory, string lfpProbe, string csdProbe, double[] lfpDepthsUm, double[] csdDepthsUm)
    {
        using var reader = Hdf5SignalReader.Open(Hdf5SignalFiles.SignalsPath(outputDirectory));
        var lfp = reader.Read(lfpProbe, Hdf5SignalFiles.SumDatasetName);
        var csd = reader.Read(csdProbe, Hdf5SignalFiles.SumDatasetName);
        var document = Create(lfp.TimesMs(), lfpDepthsUm, lfp.Rows(), csdDepthsUm, csd.Rows());
        var path = Path.Combine(outputDirectory, FileName);
        File.WriteAllText(path, document.Root!.ToString(SaveOptions.DisableFormatting), new UTF8Encoding(false));
        return path;
    }
}
