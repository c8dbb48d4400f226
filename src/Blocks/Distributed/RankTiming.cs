namespace HybridLfp.Streaming.Blocks.Distributed;

/// <summary>What one rank did in a distributed run, and where its time went.</summary>
/// <param name="Rank">the rank.</param>
/// <param name="Batches">cell batches it owned.</param>
/// <param name="Cells">cells it simulated.</param>
/// <param name="CellSteps">cell × time-step updates it computed.</param>
/// <param name="ComputeSeconds">wall time inside its cell batches (cable solve + projection), s.</param>
/// <param name="ReduceSeconds">wall time in the per-window cross-rank exchange (fault flag + gather, including waiting for slower ranks), s.</param>
/// <param name="WallSeconds">wall time of its whole graph run, s.</param>
/// <param name="ExchangeRounds">exchange rounds (one all-reduce + one gather each, several windows per round).</param>
public readonly record struct RankTiming(int Rank, int Batches, int Cells, long CellSteps, double ComputeSeconds, double ReduceSeconds, double WallSeconds,
    int ExchangeRounds = 0)
{
    internal const int FieldCount = 8;

    internal void WriteTo(Span<double> values)
    {
        values[0] = Rank;
        values[1] = Batches;
        values[2] = Cells;
        values[3] = CellSteps; // exact below 2^53
        values[4] = ComputeSeconds;
        values[5] = ReduceSeconds;
        values[6] = WallSeconds;
        values[7] = ExchangeRounds;
    }

    internal static RankTiming ReadFrom(ReadOnlySpan<double> values) =>
        new((int)values[0], (int)values[1], (int)values[2], (long)values[3], values[4], values[5], values[6], (int)values[7]);
}
