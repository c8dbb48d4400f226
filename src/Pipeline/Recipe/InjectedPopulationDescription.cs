using System.Collections.Immutable;

namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>A point or vector in space, µm.</summary>
public readonly record struct Point3(double X, double Y, double Z);

/// <summary>
/// Rotation angles about the soma, radians; null = no rotation about that axis. Applied x first, then y, then z
/// (right-handed: v' = R_z(z)·R_y(y)·R_x(x)·v, LFPy <c>set_rotation</c>).
/// </summary>
public readonly record struct RotationDescription(double? XRad, double? YRad, double? ZRad);

/// <summary>
/// The synapse draws of one cell for one (network population X, layer): k entries, each a segment index, a
/// presynaptic gid and a delay (ms).
/// </summary>
public sealed record InjectedConnectionsDescription(
    ImmutableArray<int> SegmentIndices,
    ImmutableArray<long> PresynapticGids,
    ImmutableArray<double> DelaysMs);

/// <summary>
/// Everything drawn at random for one cell, given explicitly (e.g. recorded from hybridLFPy): soma position,
/// rotation, per X and layer the synapse segments, presynaptic gids and delays, and per probe the points used to
/// average disc contacts.
/// </summary>
public sealed record InjectedCellDescription
{
    public required int CellIndex { get; init; }

    /// <summary>Soma position (set_pos target), µm.</summary>
    public required Point3 SomaPositionUm { get; init; }

    public required RotationDescription Rotation { get; init; }

    /// <summary>Connections[X][layer].</summary>
    public required ImmutableArray<ImmutableArray<InjectedConnectionsDescription>> Connections { get; init; }

    /// <summary>
    /// Probe name → contact points [contact][point] (µm) used to average each disc contact for this cell;
    /// probes not listed draw their own.
    /// </summary>
    public ImmutableDictionary<string, ImmutableArray<ImmutableArray<Point3>>> ContactPoints { get; init; } =
        ImmutableDictionary<string, ImmutableArray<ImmutableArray<Point3>>>.Empty;
}

/// <summary>The injected draws of every cell of a population, indexed by cell index.</summary>
public sealed record InjectedPopulationDescription(ImmutableArray<InjectedCellDescription> Cells);
