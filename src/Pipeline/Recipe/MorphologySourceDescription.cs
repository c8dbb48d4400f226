namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>
/// A morphology, either a file (absolute path after loading) or inline text (as the reference cases carry it).
/// Exactly one of <see cref="Path"/> and <see cref="InlineText"/> is set.
/// </summary>
public sealed record MorphologySourceDescription(MorphologyFormat Format, string? Path, string? InlineText = null)
{
    /// <summary>Format from a file extension (<c>.swc</c>, <c>.hoc</c>, <c>.json</c>, <c>.asc</c>, <c>.xml</c>, <c>.nml</c>), or null if unknown.</summary>
    public static MorphologyFormat? FormatOfExtension(string path) =>
        System.IO.Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".swc" => MorphologyFormat.Swc,
            ".hoc" => MorphologyFormat.Hoc,
            ".json" => MorphologyFormat.Json,
            ".asc" => MorphologyFormat.Neurolucida,
            ".xml" or ".nml" => MorphologyFormat.MorphMl,
            _ => null,
        };
}
