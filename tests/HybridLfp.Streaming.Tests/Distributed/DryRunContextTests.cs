using HybridLfp.Streaming.Blocks.Distributed;

namespace HybridLfp.Streaming.Tests.Distributed;

public sealed class DryRunContextTests
{
    [Fact]
    public async Task Collectives_move_the_right_values()
    {
        var results = await Task.WhenAll(DryRunWorld.Run(3, context =>
        {
            var data = context.Rank == 1 ? new[] { 1.5, -2.0 } : new double[2];
            context.Broadcast(data, root: 1);
            var bytes = context.Rank == 0 ? "hi"u8.ToArray() : new byte[2];
            context.Broadcast(bytes, root: 0);
            var send = Enumerable.Repeat(context.Rank + 0.25, context.Rank).ToArray(); // rank 0 sends nothing
            var receive = context.Rank == 2 ? new double[3] : null;
            context.GatherV(send, receive, [0, 1, 2], root: 2);
            var max = context.AllReduceMax(10 - context.Rank);
            context.Barrier();
            return Task.FromResult((data, bytes, receive, max));
        }));

        Assert.All(results, r => Assert.Equal([1.5, -2.0], r.data));
        Assert.All(results, r => Assert.Equal("hi"u8.ToArray(), r.bytes));
        Assert.All(results, r => Assert.Equal(10, r.max));
        Assert.Equal([1.25, 2.25, 2.25], results[2].receive!);
        Assert.Null(results[0].receive);
    }

    [Fact]
    public async Task Fault_agreement_reports_the_lowest_failing_rank_everywhere()
    {
        var results = await Task.WhenAll(DryRunWorld.Run(4, context =>
        {
            var none = DistributedFaults.Agree(context, null);
            var some = DistributedFaults.Agree(context, context.Rank is 1 or 3 ? $"broken on {context.Rank} µ" : null);
            return Task.FromResult((none, some));
        }));

        Assert.All(results, r => Assert.Null(r.none));
        Assert.All(results, r => Assert.Equal((1, "broken on 1 µ"), r.some));
    }

    [Fact]
    public async Task Abort_releases_ranks_waiting_in_a_collective()
    {
        var tasks = DryRunWorld.Run(3, context =>
        {
            if (context.Rank == 2)
            {
                Thread.Sleep(100);
                context.Abort("stop now", 3);
            }

            context.Barrier(); // ranks 0 and 1 wait here for a rank that never comes
            return Task.FromResult(0);
        }, TimeSpan.FromSeconds(30));

        foreach (var task in tasks)
        {
            var e = await Assert.ThrowsAsync<DistributedAbortException>(() => task);
            Assert.Equal(2, e.AbortingRank);
            Assert.Equal("stop now", e.AbortMessage);
        }
    }

    [Fact]
    public async Task A_rank_that_dies_outside_a_collective_releases_the_others()
    {
        var tasks = DryRunWorld.Run(2, context =>
        {
            if (context.Rank == 0)
            {
                throw new InvalidOperationException("crashed");
            }

            context.Barrier();
            return Task.FromResult(0);
        }, TimeSpan.FromSeconds(30));

        await Assert.ThrowsAsync<InvalidOperationException>(() => tasks[0]);
        var e = await Assert.ThrowsAsync<DistributedAbortException>(() => tasks[1]);
        Assert.Contains("crashed", e.AbortMessage);
    }

    [Fact]
    public void Local_context_is_one_rank()
    {
        var local = LocalContext.Instance;
        var receive = new double[2];
        local.GatherV([1.0, 2.0], receive, [2], 0);
        Assert.Equal([1.0, 2.0], receive);
        Assert.Equal(7, local.AllReduceMax(7));
        Assert.Null(DistributedFaults.Agree(local, null));
        Assert.Equal((0, "x"), DistributedFaults.Agree(local, "x"));
    }
}
