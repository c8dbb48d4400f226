using System.Runtime.CompilerServices;
using HybridLfp.Streaming.Blocks.Graph;

namespace HybridLfp.Streaming.Tests.Pipeline.Graph;

/// <summary>The prefetch buffer between a spike source and the graph: same chunks, same order, bounded, faults kept.</summary>
public sealed class PrefetchedSpikeSourceTests
{
    private static SpikeChunk Chunk(int i) => new(new long[] { i, i + 1 }, new double[] { i, i + 0.5 }, i + 0.5);

    private static async IAsyncEnumerable<SpikeChunk> Source(int count, Exception? failAfter, Action<int>? onProduced = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            onProduced?.Invoke(i);
            yield return Chunk(i);
        }

        if (failAfter is not null)
        {
            throw failAfter;
        }
    }

    [Fact]
    public async Task GivesEveryChunkInOrder()
    {
        await using var prefetched = PrefetchedSpikeSource.Start(Source(50, null), capacity: 3);
        var seen = new List<SpikeChunk>();
        await foreach (var chunk in prefetched.ReadAllAsync())
        {
            seen.Add(chunk);
        }

        Assert.Equal(50, seen.Count);
        for (var i = 0; i < seen.Count; i++)
        {
            Assert.Equal(new long[] { i, i + 1 }, seen[i].Gids.ToArray());
            Assert.Equal(i + 0.5, seen[i].WatermarkMs);
        }
    }

    [Fact]
    public async Task ReadsAheadAtMostItsCapacity()
    {
        var produced = -1;
        await using var prefetched = PrefetchedSpikeSource.Start(Source(100, null, i => Volatile.Write(ref produced, i)), capacity: 4);
        await Task.Delay(300); // nobody reads: the reader fills the buffer and waits
        // 4 chunks buffered plus the one the reader holds while waiting to write it.
        Assert.InRange(Volatile.Read(ref produced), 3, 4);
    }

    [Fact]
    public async Task RethrowsTheSourcesFaultAfterItsChunks()
    {
        await using var prefetched = PrefetchedSpikeSource.Start(Source(5, new InvalidDataException("line 7: expected a time")), capacity: 2);
        var seen = 0;
        var error = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (var _ in prefetched.ReadAllAsync())
            {
                seen++;
            }
        });

        Assert.Equal(5, seen);
        Assert.Contains("line 7", error.Message);
    }

    [Fact]
    public async Task DisposingStopsAReaderNobodyConsumes()
    {
        var prefetched = PrefetchedSpikeSource.Start(Source(int.MaxValue, null), capacity: 2);
        await prefetched.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AStoppedReaderIsNeverMistakenForTheEndOfTheSource()
    {
        using var cancel = new CancellationTokenSource();
        await using var prefetched = PrefetchedSpikeSource.Start(Source(int.MaxValue, null), capacity: 2, cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in prefetched.ReadAllAsync())
            {
            }
        });
    }
}
