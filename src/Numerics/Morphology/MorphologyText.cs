namespace HybridLfp.Streaming.Numerics.Morphology;

/// <summary>
/// Chooses the morphology reader by the extension of the source name: <c>.swc</c> → <see cref="SwcMorphologyReader"/>,
/// <c>.hoc</c> → <see cref="HocMorphologyReader"/>, <c>.asc</c> → <see cref="NeurolucidaMorphologyReader"/> (Neurolucida
/// V3 text), <c>.xml</c>/<c>.nml</c> → <see cref="MorphMlMorphologyReader"/> (NeuroML v1 MorphML); case-insensitive.
/// </summary>
public static class MorphologyText
{
    /// <summary>Parses morphology text whose format is given by the extension of <paramref name="sourceName"/>.</summary>
    /// <exception cref="InputException">unknown or unsupported format, or malformed text.</exception>
    public static MorphologyDescription Read(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        var extension = Path.GetExtension(sourceName).ToLowerInvariant();
        return extension switch
        {
            ".swc" => SwcMorphologyReader.Read(text, sourceName),
            ".hoc" => HocMorphologyReader.Read(text, sourceName),
            ".asc" => NeurolucidaMorphologyReader.Read(text, sourceName),
            ".xml" or ".nml" => MorphMlMorphologyReader.Read(text, sourceName),
            _ => throw new InputException(
                sourceName, $"unknown morphology format '{extension}' (expected .swc, .hoc, .asc, .xml or .nml)"),
        };
    }
}
