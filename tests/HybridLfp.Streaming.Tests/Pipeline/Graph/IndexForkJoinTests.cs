using HybridLfp.Streaming.Blocks.Graph;

namespace HybridLfp.Streaming.Tests.Pipeline.Graph;

/// <summary>The per-window fork/join of the cell batches: every index exactly once, call after call.</summary>
public sealed class IndexForkJoinTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Every_index_runs_exactly_once_per_call_on_up_to_the_given_threads(int threads)
    {
        var counts = new int[9];
        var running = 0;
        var mostAtOnce = 0;
        var forkJoin = new IndexForkJoin(i =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref mostAtOnce, now);
            Interlocked.Increment(ref counts[i]);
            Thread.SpinWait(2000);
            Interlocked.Decrement(ref running);
        }, threads);

        foreach (var count in new[] { 0, 1, 9, 5 })
        {
            for (var call = 0; call < 200; call++)
            {
                Array.Clear(counts);
                forkJoin.Run(count);
                Assert.Equal(Enumerable.Repeat(1, count).Concat(Enumerable.Repeat(0, 9 - count)), counts);
            }
        }

        Assert.InRange(mostAtOnce, 1, threads);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var actual && actual != seen)
        {
            seen = actual;
        }
    }
}
