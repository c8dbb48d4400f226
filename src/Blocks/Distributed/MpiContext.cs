using HybridLfp.Streaming.Blocks.Interop.Mpi;

namespace HybridLfp.Streaming.Blocks.Distributed;

/// <summary>
/// The ranks of an MPI job (MPI_COMM_WORLD) through our Open MPI binding. Owns the <see cref="MpiSession"/>:
/// disposing finalizes MPI. Started without mpirun it is a singleton job of one rank.
/// </summary>
public sealed class MpiContext : IDistributedContext, IDisposable
{
    private readonly MpiSession _session;

    private MpiContext(MpiSession session) => _session = session;

    /// <summary>Initializes MPI (once per process).</summary>
    public static MpiContext Start() => new(MpiSession.Start());

    /// <summary>True when this process was started by mpirun/mpiexec.</summary>
    public static bool LaunchedByMpirun => MpiSession.LaunchedByMpirun;

    public int Rank => _session.Rank;

    public int Size => _session.Size;

    public string Kind => "mpi";

    public void Barrier() => _session.Barrier();

    public void Broadcast(Span<byte> data, int root) => _session.Broadcast(data, root);

    public void Broadcast(Span<double> data, int root) => _session.Broadcast(data, root);

    public void GatherV(ReadOnlySpan<double> send, Span<double> receive, ReadOnlySpan<int> countsByRank, int root) =>
        _session.GatherV(send, receive, countsByRank, root);

    public long AllReduceMax(long value) => _session.AllReduceMax(value);

    public void AllReduceMax(Span<long> values) => _session.AllReduceMax(values);

    /// <summary>Prints the message on stderr with this rank, then MPI_Abort: every process of the job ends.</summary>
    public void Abort(string message, int exitCode)
    {
        Console.Error.WriteLine($"hlfp: rank {Rank} aborts the job: {message}");
        Console.Error.Flush();
        _session.Abort(exitCode);
        Environment.Exit(exitCode); // MPI_Abort does not return; this is a guard
    }

    public void Dispose() => _session.Dispose();
}
