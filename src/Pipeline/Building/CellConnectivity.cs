using System.Collections.Immutable;
using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Building;

/// <summary>A built cell: where it is, its synapse objects and the connections feeding them. Immutable.</summary>
public sealed record CellConnectivity(
    string Population,
    int CellIndex,
    Point3 SomaPositionUm,
    RotationDescription Rotation,
    ImmutableArray<SynapseInstance> Synapses,
    ImmutableArray<SynapticConnection> Connections);
