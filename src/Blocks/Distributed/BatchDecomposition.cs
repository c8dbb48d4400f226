using System.Collections.Immutable;

namespace HybridLfp.Streaming.Blocks.Distributed;

/// <summary>
/// Which rank owns which cell batches: each rank a CONTIGUOUS range of global batch indices, ranks in batch order
/// (rank r's range ends where rank r + 1's begins), so concatenating the ranks' batch results in rank order gives
/// them in batch order. Ranges are balanced by per-batch weights (cells × compartments, or cell counts): boundary
/// r sits at the batch whose prefix weight is nearest to r/size of the total (ties to the lower index). A pure
/// function of (weights, size); a rank may own no batch. Immutable.
/// </summary>
public sealed class BatchDecomposition
{
    private readonly ImmutableArray<int> _starts; // size + 1 boundaries

    /// <summary>Number of ranks.</summary>
    public int RankCount => _starts.Length - 1;

    /// <summary>Number of batches in the job.</summary>
    public int BatchCount => _starts[^1];

    private BatchDecomposition(ImmutableArray<int> starts) => _starts = starts;

    /// <summary>First global batch index of <paramref name="rank"/>.</summary>
    public int FirstBatch(int rank) => _starts[rank];

    /// <summary>Batches owned by <paramref name="rank"/>.</summary>
    public int BatchCountOf(int rank) => _starts[rank + 1] - _starts[rank];

    /// <summary>The rank owning global batch <paramref name="batch"/>.</summary>
    public int RankOf(int batch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(batch, BatchCount);
        var r = 0;
        while (_starts[r + 1] <= batch)
        {
            r++;
        }

        return r;
    }

    /// <summary>Balances <paramref name="batchWeights"/> (≥ 0, e.g. cells × compartments per batch) over <paramref name="rankCount"/> ranks.</summary>
    public static BatchDecomposition Create(IReadOnlyList<double> batchWeights, int rankCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rankCount);
        var prefix = new double[batchWeights.Count + 1];
        for (var b = 0; b < batchWeights.Count; b++)
        {
            if (!(batchWeights[b] >= 0) || double.IsInfinity(batchWeights[b]))
            {
                throw new ArgumentException($"batch {b} has weight {batchWeights[b]}; weights must be finite and ≥ 0");
            }

            prefix[b + 1] = prefix[b] + batchWeights[b];
        }

        var total = prefix[^1];
        var starts = new int[rankCount + 1];
        starts[rankCount] = batchWeights.Count;
        for (var r = 1; r < rankCount; r++)
        {
            var target = total * r / rankCount;
            var best = starts[r - 1];
            for (var i = best + 1; i <= batchWeights.Count; i++)
            {
                if (Math.Abs(prefix[i] - target) < Math.Abs(prefix[best] - target))
                {
                    best = i;
                }
            }

            starts[r] = best;
        }

        return new BatchDecomposition([.. starts]);
    }

    /// <summary>Equal weights: contiguous blocks of ⌊n/size⌋ or ⌈n/size⌉ batches.</summary>
    public static BatchDecomposition Uniform(int batchCount, int rankCount) =>
        Create(Enumerable.Repeat(1.0, batchCount).ToArray(), rankCount);

    public override string ToString() =>
        string.Join(", ", Enumerable.Range(0, RankCount).Select(r => $"rank {r}: batches {FirstBatch(r)}…{FirstBatch(r) + BatchCountOf(r) - 1}"));
}
