using System.Collections.Immutable;

namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>
/// Everything drawn at random for one cell, given explicitly (e.g. recorded from hybridLFPy): soma position,
/// rotation, per X and layer the synapse segments, presynaptic gids and delays, and per probe the points used to
/// average disc contacts.
/// </summary>
public sealed record CellDrawsDescription
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
