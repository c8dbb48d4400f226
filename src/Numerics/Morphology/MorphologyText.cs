namespace HybridLfp.Streaming.Numerics.Morphology;

/// <summary>
/// Chooses the morphology reader by the extension of the source name: <c>.swc</c> → <see cref="SwcMorphologyReader"/>,
/// <c>.hoc</c> → <see cref="HocMorphologyReader"/> (case-insensitive). Neurolucida <c>.asc</c> and NeuroML/MorphML
/// <c>.xml</c> are recognised but not supported yet.
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
            ".asc" => throw new InputException(
                sourceName, "format not supported yet: Neurolucida .asc (convert it to SWC, e.g. with NeuroMorpho's CNG version)"),
            ".xml" or ".nml" => throw new InputException(
                sourceName, "format not supported yet: NeuroML/MorphML (convert it to SWC)"),
            _ => throw new InputException(
                sourceName, $"unknown morphology format '{extension}' (expected .swc or .hoc)"),
        };
    }
}
