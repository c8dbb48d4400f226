using HybridLfp.Streaming.Numerics.Cells;
using HybridLfp.Streaming.Numerics.Discretization;
using HybridLfp.Streaming.Pipeline.Building;
using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Run.Engine;

/// <summary>
/// The discretized morphology of a population and its segment table for the builders, in the frame LFPy uses after
/// constructing a cell (soma midpoint at the origin). Immutable; shared by every cell of the population.
/// </summary>
/// <param name="Morphology">the discretized morphology (nseg by the population's rule; cm µF/cm², Ra Ω·cm).</param>
/// <param name="Segments">section names, areas (µm²) and midpoints (µm) of the centred cell; soma at the origin.</param>
public sealed record PopulationMorphology(DiscretizedMorphology Morphology, SegmentTable Segments)
{
    /// <summary>Discretizes <paramref name="population"/>'s morphology (file or inline text) with its nseg rule.</summary>
    public static PopulationMorphology Create(PopulationDescription population)
    {
        var source = population.Morphology;
        var description = source.InlineText is { } text
            ? Numerics.Morphology.MorphologyText.Read(text, $"populations.{population.Name}.morphology (inline).{InlineExtension(source.Format)}")
            : Pipeline.Morphology.MorphologyFile.Read(source.Path ?? throw new InvalidOperationException($"populations.{population.Name}.morphology has neither a path nor text"));
        var p = population.Cell;
        var rule = p.Segmentation switch
        {
            SegmentationMethod.LambdaF => NsegRule.LambdaF(p.LambdaFHz, p.DLambda),
            SegmentationMethod.FixedLength => NsegRule.FixedLength(p.FixedLengthUm),
            _ => NsegRule.Fixed(new Dictionary<string, int>(StringComparer.Ordinal), p.FixedNseg),
        };
        var morphology = MorphologyDiscretizer.Discretize(description, rule, p.CmUfPerCm2, p.RaOhmCm);
        var centred = new Cell(morphology).Geometry; // LFPy: the soma midpoint is moved to the origin on construction
        var n = morphology.SegmentCount;
        var names = new string[n];
        var midpoints = new Point3[n];
        for (var i = 0; i < n; i++)
        {
            names[i] = morphology.SectionName(i);
            midpoints[i] = new Point3(
                0.5 * (centred.XStart[i] + centred.XEnd[i]),
                0.5 * (centred.YStart[i] + centred.YEnd[i]),
                0.5 * (centred.ZStart[i] + centred.ZEnd[i]));
        }

        return new PopulationMorphology(morphology, new SegmentTable([.. names], [.. centred.Area], [.. midpoints], new Point3(0, 0, 0)));
    }

    // The text readers dispatch on the extension of the source name.
    private static string InlineExtension(Recipe.MorphologyFormat format) => format switch
    {
        Recipe.MorphologyFormat.Neurolucida => "asc",
        Recipe.MorphologyFormat.MorphMl => "xml",
        _ => format.ToString().ToLowerInvariant(),
    };
}
