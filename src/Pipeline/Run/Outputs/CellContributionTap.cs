using System.Collections.Immutable;
using HybridLfp.Streaming.Blocks.Sinks;

namespace HybridLfp.Streaming.Pipeline.Run.Outputs;

/// <summary>
/// What a batch kernel needs to hand out the own signals of its kept cells: the sink, and for every cell of the batch
/// (local index, cell order) its index among the sink's kept cells, or −1 when the cell is not kept.
/// </summary>
/// <param name="Sink">where the kept cells' signals go.</param>
/// <param name="KeptSlotOfCell">per local cell: kept-cell index in <paramref name="Sink"/>, or −1.</param>
public sealed record CellContributionTap(ICellContributionSink Sink, ImmutableArray<int> KeptSlotOfCell);
