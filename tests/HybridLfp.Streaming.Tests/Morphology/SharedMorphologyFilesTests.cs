using System.Globalization;
using System.Text.RegularExpressions;
using HybridLfp.Streaming.Numerics.Morphology;
using HybridLfp.Streaming.Pipeline.Morphology;
using HybridLfp.Streaming.Tests.Support;

namespace HybridLfp.Streaming.Tests.Morphology;

/// <summary>
/// Every hoc and SWC file under ../shared/morphologies loads, and its section and point counts equal counts taken
/// from the text independently of the readers (regular expressions over the file).
/// </summary>
public sealed partial class SharedMorphologyFilesTests
{
    public static TheoryData<string> HocFiles() => Files("*.hoc");

    public static TheoryData<string> SwcFiles() => Files("*.swc");

    [Theory]
    [MemberData(nameof(HocFiles))]
    public void HocFileLoadsWithTheSectionsAndPointsItDeclares(string relativePath)
    {
        var path = SharedPaths.Of("morphologies", relativePath);
        var text = File.ReadAllText(path);

        var morphology = HocMorphologyReader.Read(text, path);

        Assert.Equal(DeclaredSectionCount(text), morphology.Sections.Length);
        Assert.Equal(ExpectedPointCount(text), morphology.Sections.Sum(s => s.Points.Length));
        Assert.Equal(PtStyleRegex().Count(text), morphology.Sections.Count(s => s.LogicalConnection is not null));
        Assert.Single(morphology.Sections, s => s.IsRoot);
        Assert.All(morphology.Sections, s => Assert.True(s.Points.Length >= 2, s.Name));
    }

    [Theory]
    [MemberData(nameof(SwcFiles))]
    public void SwcFileLoadsAndKeepsEverySample(string relativePath)
    {
        var path = SharedPaths.Of("morphologies", relativePath);
        var text = File.ReadAllText(path);
        var samples = text.Split('\n').Count(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'));
        var somaSamples = text.Split('\n')
            .Select(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Count(f => f.Length >= 7 && f[0][0] != '#' && f[1] == "1");

        var morphology = SwcMorphologyReader.Read(text, path);

        // Every sample is an own point of exactly one section; a non-root section also starts with a copy of its
        // parent point unless it is wired (pt3dstyle). A one-point or NeuroMorpho 3-point soma becomes a 3-point
        // cylinder made from its centre alone.
        var root = morphology.Sections.Single(s => s.IsRoot);
        var ownPoints = morphology.Sections
            .Where(s => !s.IsRoot)
            .Sum(s => s.Points.Length - (s.LogicalConnection is null ? 1 : 0));
        var rootSamples = somaSamples == 3 || somaSamples == 1 ? somaSamples : root.Points.Length;
        Assert.Equal(samples, ownPoints + rootSamples);
        Assert.StartsWith("soma[", root.Name);
    }

    public static TheoryData<string> AllFiles() => Files("*");

    /// <summary>Issue 2: every file under ../shared/morphologies loads, whatever its format, as one connected tree.</summary>
    [Theory]
    [MemberData(nameof(AllFiles))]
    public void EveryFileLoadsThroughMorphologyFileAsOneTree(string relativePath)
    {
        var morphology = MorphologyFile.Read(SharedPaths.Of("morphologies", relativePath));

        Assert.Single(morphology.Sections, s => s.IsRoot);
        Assert.Equal(morphology.Sections.Length, morphology.Sections.Select(s => s.Name).Distinct().Count());
        Assert.All(morphology.Sections, s => Assert.True(s.Points.Length >= 2, s.Name));
        Assert.All(morphology.Sections, s => Assert.True(s.IsRoot || s.ParentIndex < morphology.Sections.Length, s.Name));
    }

    private static TheoryData<string> Files(string pattern)
    {
        var root = SharedPaths.Of("morphologies");
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(root, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file));
        }

        return data;
    }

    // create a, b[3], … (with "\" continuations), outside comments
    private static int DeclaredSectionCount(string text)
    {
        var code = StripComments(text).Replace("\\\n", " ", StringComparison.Ordinal);
        var count = 0;
        foreach (Match create in CreateRegex().Matches(code))
        {
            foreach (var item in create.Groups[1].Value.Split(','))
            {
                var m = ArrayRegex().Match(item);
                count += m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 1;
            }
        }

        return count;
    }

    // One point per pt3dadd call in the code; L5_Mainen96_LFPy.hoc instead reads its neurite points with fscan()
    // from a data block of "x y z d" lines after "NEURITE COORDINATES AND DIAMETERS:".
    private static int ExpectedPointCount(string text)
    {
        var marker = text.IndexOf("NEURITE COORDINATES AND DIAMETERS:", StringComparison.Ordinal);
        if (marker < 0)
        {
            return PtAddRegex().Count(StripComments(text));
        }

        var literal = PtAddLiteralRegex().Count(StripComments(text[..marker]));
        var dataLines = text[marker..].Split('\n').Count(l => FourNumbersRegex().IsMatch(l));
        return literal + dataLines;
    }

    private static string StripComments(string text) =>
        LineCommentRegex().Replace(BlockCommentRegex().Replace(text, ""), "");

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex BlockCommentRegex();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex LineCommentRegex();

    [GeneratedRegex(@"^\s*create\s+([^\n]*)", RegexOptions.Multiline)]
    private static partial Regex CreateRegex();

    [GeneratedRegex(@"\[\s*(\d+)\s*\]")]
    private static partial Regex ArrayRegex();

    [GeneratedRegex(@"\bpt3dadd\s*\(")]
    private static partial Regex PtAddRegex();

    [GeneratedRegex(@"\bpt3dadd\s*\(\s*-?[\d.]")]
    private static partial Regex PtAddLiteralRegex();

    [GeneratedRegex(@"\bpt3dstyle\s*\(\s*1\s*,")]
    private static partial Regex PtStyleRegex();

    [GeneratedRegex(@"^\s*-?[\d.]+\s+-?[\d.]+\s+-?[\d.]+\s+-?[\d.]+\s*$")]
    private static partial Regex FourNumbersRegex();
}
