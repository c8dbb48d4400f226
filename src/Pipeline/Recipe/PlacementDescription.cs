using System.Collections.Immutable;

namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>
/// Where somata are drawn (hybridLFPy <c>populationParams</c>): uniformly in the cylinder of radius
/// <see cref="RadiusUm"/> about the z axis between <see cref="ZMinUm"/> and <see cref="ZMaxUm"/>, at least
/// <see cref="MinCellInterdistUm"/> apart, and at a radial distance of at least min_r(z) from the axis.
/// </summary>
public sealed record PlacementDescription
{
    /// <summary>Cylinder radius, µm.</summary>
    public required double RadiusUm { get; init; }

    /// <summary>Lower z bound, µm.</summary>
    public required double ZMinUm { get; init; }

    /// <summary>Upper z bound, µm.</summary>
    public required double ZMaxUm { get; init; }

    /// <summary>Minimum distance between any two somata, µm.</summary>
    public double MinCellInterdistUm { get; init; }

    /// <summary>
    /// z sample points of the min_r profile (µm, increasing), hybridLFPy's <c>min_r[0]</c>; empty = no profile.
    /// </summary>
    public ImmutableArray<double> MinRZUm { get; init; } = [];

    /// <summary>Minimum radial distance at <see cref="MinRZUm"/>, µm (<c>min_r[1]</c>), linearly interpolated.</summary>
    public ImmutableArray<double> MinRUm { get; init; } = [];
}
