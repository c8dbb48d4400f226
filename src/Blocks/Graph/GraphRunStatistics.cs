using HybridLfp.Streaming.Blocks.Distributed;

namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>What a graph run did.</summary>
/// <param name="Cells">cells simulated.</param>
/// <param name="Windows">windows written.</param>
/// <param name="Events">synaptic events delivered (arrivals ≤ tstop).</param>
/// <param name="CellSteps">cell × time-step updates.</param>
public readonly record struct GraphRunStatistics(int Cells, int Windows, long Events, long CellSteps)
{
    /// <summary>
    /// Per-rank work and timings of a distributed run, in rank order (on the writer rank 0; empty elsewhere and for
    /// a single-process <see cref="StreamingGraph"/>).
    /// </summary>
    public IReadOnlyList<RankTiming> RankTimings
    {
        get => _rankTimings ?? [];
        init => _rankTimings = value;
    }

    private readonly IReadOnlyList<RankTiming>? _rankTimings;
}
