namespace HybridLfp.Streaming.Blocks.Distributed;

/// <summary>
/// The ranks of a job and the few collectives the graph needs (as arbor's distributed_context): local (one
/// process), dry-run (N simulated ranks in one process, for tests) and MPI. Every method except
/// <see cref="Abort"/> is collective: all ranks call it, in the same order, with matching arguments. Calls block.
/// A context is used by one logical thread of its rank at a time.
/// </summary>
public interface IDistributedContext
{
    /// <summary>This rank, 0 … <see cref="Size"/> − 1.</summary>
    int Rank { get; }

    /// <summary>Number of ranks.</summary>
    int Size { get; }

    /// <summary>"local", "dry-run" or "mpi" (for summaries).</summary>
    string Kind { get; }

    void Barrier();

    /// <summary>Copies <paramref name="data"/> of <paramref name="root"/> into every rank's <paramref name="data"/> (same length on all ranks).</summary>
    void Broadcast(Span<byte> data, int root);

    /// <summary>Copies <paramref name="data"/> of <paramref name="root"/> into every rank's <paramref name="data"/> (same length on all ranks).</summary>
    void Broadcast(Span<double> data, int root);

    /// <summary>
    /// Gathers every rank's <paramref name="send"/> to <paramref name="root"/>, concatenated in rank order into
    /// <paramref name="receive"/>. <paramref name="countsByRank"/> (the length each rank sends) and
    /// <paramref name="receive"/> (their sum) are read on the root only.
    /// </summary>
    void GatherV(ReadOnlySpan<double> send, Span<double> receive, ReadOnlySpan<int> countsByRank, int root);

    /// <summary>The maximum of <paramref name="value"/> over all ranks, on every rank (error flags, failing rank).</summary>
    long AllReduceMax(long value);

    /// <summary>Element-wise maximum over all ranks of <paramref name="values"/> (same length everywhere), in place on every rank.</summary>
    void AllReduceMax(Span<long> values);

    /// <summary>
    /// Ends the whole job (every rank) after reporting <paramref name="message"/>; not collective. MPI: MPI_Abort
    /// with <paramref name="exitCode"/>. Dry run: every rank's pending and future collectives throw
    /// <see cref="DistributedAbortException"/>. Returns only where ending the process is not this context's job
    /// (local, dry run), by throwing <see cref="DistributedAbortException"/>.
    /// </summary>
    void Abort(string message, int exitCode);
}
