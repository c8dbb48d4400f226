namespace HybridLfp.Streaming.Blocks.Distributed;

/// <summary>
/// N simulated ranks inside one process, for tests of multi-rank logic without MPI (arbor's dry-run context). Each
/// rank runs on its own thread with its own <see cref="DryRunContext"/>; a collective is an exchange through shared
/// slots between two barrier phases (deposit → all read → next). Data are copied, as MPI would. An abort (or a
/// rank that fails outside a collective, or a collective waiting longer than <see cref="Timeout"/>) releases every
/// rank with <see cref="DistributedAbortException"/>, as MPI_Abort ends every process. Thread-safe.
/// </summary>
public sealed class DryRunWorld
{
    private readonly Barrier _barrier;
    private readonly object?[] _slots;
    private readonly CancellationTokenSource _abort = new();
    private DistributedAbortException? _aborted;

    /// <summary>Number of simulated ranks.</summary>
    public int Size { get; }

    /// <summary>Longest wait in one collective before the world is aborted (guards tests against hangs).</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The abort that ended the world, if any.</summary>
    public DistributedAbortException? Aborted => Volatile.Read(ref _aborted);

    public DryRunWorld(int size, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        Size = size;
        Timeout = timeout ?? TimeSpan.FromSeconds(60);
        _barrier = new Barrier(size);
        _slots = new object?[size];
    }

    /// <summary>The context of rank <paramref name="rank"/>.</summary>
    public IDistributedContext Context(int rank)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rank, Size);
        return new DryRunContext(this, rank);
    }

    /// <summary>
    /// Runs <paramref name="body"/> once per rank, each on a dedicated thread, and returns each rank's task. A rank
    /// whose body throws aborts the world (like a process exiting under mpirun), so no other rank waits forever.
    /// </summary>
    public static Task<T>[] Run<T>(int size, Func<IDistributedContext, Task<T>> body, TimeSpan? timeout = null)
    {
        var world = new DryRunWorld(size, timeout);
        return Enumerable.Range(0, size).Select(rank => Task.Factory.StartNew(() =>
        {
            try
            {
                return body(world.Context(rank)).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is not DistributedAbortException)
            {
                world.Abort(rank, $"rank {rank} ended with {e.GetType().Name}: {e.Message}");
                throw;
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
    }

    /// <summary>Ends the world: every rank's pending and future collectives throw.</summary>
    public void Abort(int rank, string message)
    {
        Interlocked.CompareExchange(ref _aborted, new DistributedAbortException(rank, message), null);
        _abort.Cancel();
    }

    /// <summary>One collective step: deposit, wait for all, read, wait for all (so slots are not overwritten while read).</summary>
    internal T Exchange<T>(int rank, object? deposit, Func<object?[], T> read)
    {
        _slots[rank] = deposit;
        Wait(rank);
        var result = read(_slots);
        Wait(rank);
        return result;
    }

    private void Wait(int rank)
    {
        ThrowIfAborted();
        bool arrived;
        try
        {
            arrived = _barrier.SignalAndWait(Timeout, _abort.Token);
        }
        catch (OperationCanceledException)
        {
            ThrowIfAborted();
            throw;
        }

        if (!arrived)
        {
            Abort(rank, $"a collective waited more than {Timeout.TotalSeconds} s on rank {rank}");
            ThrowIfAborted();
        }
    }

    private void ThrowIfAborted()
    {
        if (Aborted is { } aborted)
        {
            throw new DistributedAbortException(aborted.AbortingRank, aborted.AbortMessage);
        }
    }
}
