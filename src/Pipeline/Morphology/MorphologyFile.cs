using HybridLfp.Streaming.Numerics;
using HybridLfp.Streaming.Numerics.Morphology;

namespace HybridLfp.Streaming.Pipeline.Morphology;

/// <summary>
/// Loads a morphology file (<c>.swc</c>, <c>.hoc</c>, Neurolucida <c>.asc</c> or MorphML <c>.xml</c>/<c>.nml</c>, chosen by
/// extension) into a <see cref="MorphologyDescription"/>. The parsing lives in <see cref="MorphologyText"/> (src/Numerics, no I/O);
/// this is the file-system side.
/// </summary>
public static class MorphologyFile
{
    /// <summary>Reads and parses the file at <paramref name="path"/>; error messages name the path as given.</summary>
    /// <exception cref="InputException">missing or unreadable file, unsupported format, malformed content.</exception>
    public static MorphologyDescription Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException(path, "morphology file not found", 0, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InputException(path, $"cannot read the morphology file: {e.Message}", 0, e);
        }

        return MorphologyText.Read(text, path);
    }
}
