using HybridLfp.Streaming.Blocks.Distributed;

namespace HybridLfp.Streaming.Tests.Distributed;

public sealed class BatchDecompositionTests
{
    public static TheoryData<double[], int> Cases => new()
    {
        { [4, 4, 4, 4, 1, 4, 2], 1 },
        { [4, 4, 4, 4, 1, 4, 2], 2 },
        { [4, 4, 4, 4, 1, 4, 2], 3 },
        { [4, 4, 4, 4, 1, 4, 2], 4 },
        { [4, 4, 4, 4, 1, 4, 2], 9 },
        { [100, 1, 1, 1, 1, 1], 3 },
        { [0, 0, 5, 0, 0], 2 },
        { [], 3 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Ranges_are_contiguous_in_rank_order_and_cover_every_batch_once(double[] weights, int ranks)
    {
        var d = BatchDecomposition.Create(weights, ranks);
        Assert.Equal(ranks, d.RankCount);
        Assert.Equal(weights.Length, d.BatchCount);
        var next = 0;
        for (var r = 0; r < ranks; r++)
        {
            Assert.Equal(next, d.FirstBatch(r));
            Assert.True(d.BatchCountOf(r) >= 0);
            for (var b = d.FirstBatch(r); b < d.FirstBatch(r) + d.BatchCountOf(r); b++)
            {
                Assert.Equal(r, d.RankOf(b));
            }

            next += d.BatchCountOf(r);
        }

        Assert.Equal(weights.Length, next);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_rank_gets_at_most_its_share_plus_one_batch(double[] weights, int ranks)
    {
        // Boundaries at the prefix nearest to r/size of the total: a rank's load exceeds total/size by at most
        // the heaviest batch (half of one at each of its two ends).
        var d = BatchDecomposition.Create(weights, ranks);
        var total = weights.Sum();
        var heaviest = weights.DefaultIfEmpty(0).Max();
        for (var r = 0; r < ranks; r++)
        {
            var load = weights.Skip(d.FirstBatch(r)).Take(d.BatchCountOf(r)).Sum();
            Assert.True(load <= (total / ranks) + heaviest + 1e-12, $"rank {r}: load {load}, share {total / ranks}, heaviest {heaviest}");
        }
    }

    [Fact]
    public void Known_decompositions()
    {
        // 7 batches of cells (4,4,4,4,1,4,2), total 23: boundaries nearest to 11.5 → after 3 batches (12).
        var two = BatchDecomposition.Create([4, 4, 4, 4, 1, 4, 2], 2);
        Assert.Equal((0, 3), (two.FirstBatch(0), two.BatchCountOf(0)));
        Assert.Equal((3, 4), (two.FirstBatch(1), two.BatchCountOf(1)));
        // Uniform: 5 batches on 3 ranks → targets 5/3, 10/3 → boundaries 2, 3.
        var three = BatchDecomposition.Uniform(5, 3);
        Assert.Equal([2, 1, 2], Enumerable.Range(0, 3).Select(three.BatchCountOf));
        // More ranks than batches: some ranks own nothing.
        var many = BatchDecomposition.Uniform(2, 5);
        Assert.Equal(2, Enumerable.Range(0, 5).Count(r => many.BatchCountOf(r) == 1));
        Assert.Equal(3, Enumerable.Range(0, 5).Count(r => many.BatchCountOf(r) == 0));
    }

    [Fact]
    public void Decomposition_depends_only_on_weights_and_rank_count()
    {
        double[] weights = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
        var a = BatchDecomposition.Create(weights, 4);
        var b = BatchDecomposition.Create([.. weights], 4);
        Assert.Equal(a.ToString(), b.ToString());
    }

    [Fact]
    public void Bad_weights_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => BatchDecomposition.Create([1, -1], 2));
        Assert.Throws<ArgumentException>(() => BatchDecomposition.Create([1, double.NaN], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchDecomposition.Create([1], 0));
    }
}
