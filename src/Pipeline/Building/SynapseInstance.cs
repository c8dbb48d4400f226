using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Building;

/// <summary>
/// One synapse object on a cell: a point process at a segment, receiving the events of one or more connections.
/// </summary>
/// <param name="SegmentIndex">segment it sits in (LFPy order).</param>
/// <param name="NetworkIndex">presynaptic network population X (index into the recipe's network).</param>
/// <param name="LayerIndex">layer it was placed in.</param>
/// <param name="Parameters">type, time constants, weight (nA or µS) and delays of the (y, X) pair.</param>
public sealed record SynapseInstance(int SegmentIndex, int NetworkIndex, int LayerIndex, SynapseParametersDescription Parameters);
