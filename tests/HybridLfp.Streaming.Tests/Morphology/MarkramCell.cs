using System.Globalization;
using HybridLfp.Streaming.Numerics.Discretization;
using HybridLfp.Streaming.Numerics.Morphology;
using HybridLfp.Streaming.Tests.Support;

namespace HybridLfp.Streaming.Tests.Morphology;

/// <summary>
/// The three files of LFPy's example cell C010398B-P2 under ../shared/morphologies/LFPy/markram, and per-type
/// measures (section type = the part of the name before '[').
/// </summary>
internal static class MarkramCell
{
    public static string Asc => SharedPaths.Of("morphologies", "LFPy", "markram", "C010398B-P2.asc");

    public static string Xml => SharedPaths.Of("morphologies", "LFPy", "markram", "C010398B-P2.xml");

    public static string CngSwc => SharedPaths.Of("morphologies", "LFPy", "markram", "C010398B-P2.CNG.swc");

    public static string TypeOf(string sectionName) => sectionName[..sectionName.IndexOf('[', StringComparison.Ordinal)];

    public static Dictionary<string, int> SectionsPerType(MorphologyDescription m) =>
        m.Sections.GroupBy(s => TypeOf(s.Name)).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Total section length (last arc3d, µm) per type.</summary>
    public static Dictionary<string, double> LengthPerType(MorphologyDescription m) =>
        m.Sections.GroupBy(s => TypeOf(s.Name))
            .ToDictionary(g => g.Key, g => g.Sum(s => NeuronSectionView.ArcLengths(s.Points)[^1]));

    /// <summary>Membrane area (µm²) per type after LFPy's default-like lambda_f(100 Hz) discretization.</summary>
    public static Dictionary<string, double> AreaPerType(MorphologyDescription m)
    {
        var d = MorphologyDiscretizer.Discretize(m, NsegRule.LambdaF(100, 0.1), 1.0, 150);
        return Enumerable.Range(0, d.SegmentCount)
            .GroupBy(i => TypeOf(d.SectionName(i)))
            .ToDictionary(g => g.Key, g => g.Sum(i => d.Geometry.Area[i]));
    }

    /// <summary>SWC samples per type code, counted from the text (column 2) without the reader.</summary>
    public static Dictionary<int, int> SwcSamplesPerType(string path) =>
        File.ReadLines(path)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => int.Parse(l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture))
            .GroupBy(t => t)
            .ToDictionary(g => g.Key, g => g.Count());
}
