using System.Collections.Immutable;

namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>
/// The synapse draws of one cell for one (network population X, layer): k entries, each a segment index, a
/// presynaptic gid and a delay (ms).
/// </summary>
public sealed record InjectedConnectionsDescription(
    ImmutableArray<int> SegmentIndices,
    ImmutableArray<long> PresynapticGids,
    ImmutableArray<double> DelaysMs);
