using System.Collections.Immutable;

namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>Where and how results are written.</summary>
/// <param name="Directory">Output directory (absolute after loading).</param>
/// <param name="Formats">Formats to write.</param>
public sealed record OutputDescription(string Directory = "out", ImmutableArray<OutputFormat> Formats = default)
{
    public ImmutableArray<OutputFormat> Formats { get; init; } = Formats.IsDefault ? [OutputFormat.Hdf5] : Formats;
}
