using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Text;

namespace HybridLfp.Streaming.Blocks.Interop.Mpi;

/// <summary>
/// One process's MPI lifetime on MPI_COMM_WORLD: <see cref="Start"/> calls MPI_Init_thread, <see cref="Dispose"/>
/// MPI_Finalize. Ownership and threading: every MPI call of the process runs on ONE dedicated thread owned by this
/// object (the thread that called MPI_Init_thread), and callers block until it returns. So the process needs only
/// MPI_THREAD_FUNNELED, .NET's thread-hopping async code can call from any thread, and calls are serialized.
/// A start without <c>mpirun</c> is a singleton (rank 0 of 1). At most one session per process (MPI cannot be
/// re-initialized after finalize).
/// </summary>
public sealed class MpiSession : IDisposable
{
    private static int _started;

    private readonly BlockingCollection<Action> _work = [];
    private readonly Thread _thread;
    private readonly nint _comm;
    private readonly nint _byte;
    private readonly nint _double;
    private readonly nint _long;
    private readonly nint _max;
    private bool _disposed;

    /// <summary>This process's rank in MPI_COMM_WORLD.</summary>
    public int Rank { get; }

    /// <summary>Number of ranks in MPI_COMM_WORLD.</summary>
    public int Size { get; }

    /// <summary>Thread support level granted by MPI_Init_thread.</summary>
    public MpiThreadLevel ThreadLevel { get; }

    /// <summary>True when this process was started by an MPI launcher (mpirun/mpiexec) rather than as a singleton.</summary>
    public static bool LaunchedByMpirun =>
        Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_SIZE") is not null || Environment.GetEnvironmentVariable("PMI_SIZE") is not null;

    private MpiSession()
    {
        _comm = MpiNative.Handle("ompi_mpi_comm_world");
        _byte = MpiNative.Handle("ompi_mpi_byte");
        _double = MpiNative.Handle("ompi_mpi_double");
        _long = MpiNative.Handle("ompi_mpi_long");
        _max = MpiNative.Handle("ompi_mpi_op_max");
        _thread = new Thread(Loop) { IsBackground = true, Name = "mpi" };
        _thread.Start();
        (Rank, Size, ThreadLevel) = Invoke(() =>
        {
            PrepareEnvironment();
            Check("MPI_Init_thread", MpiNative.InitThread(0, 0, (int)MpiThreadLevel.Funneled, out var provided));
            Check("MPI_Comm_rank", MpiNative.CommRank(_comm, out var rank));
            Check("MPI_Comm_size", MpiNative.CommSize(_comm, out var size));
            return (rank, size, (MpiThreadLevel)provided);
        });
    }

    /// <summary>Initializes MPI (once per process).</summary>
    /// <exception cref="InvalidOperationException">a session was already started in this process.</exception>
    /// <exception cref="DllNotFoundException"><c>libmpi.so.40</c> is not installed.</exception>
    public static MpiSession Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("MPI is initialized once per process");
        }

        if (!MpiNative.IsAvailable())
        {
            throw new DllNotFoundException($"Open MPI ({MpiNative.LibraryName}) is not installed; scripts/prereqs.sh installs it (apt package openmpi-bin)");
        }

        return new MpiSession();
    }

    /// <summary>
    /// Environment choices read by MPI_Init, set through libc (the native environment): UCX must not install its
    /// own SIGSEGV handler, or the .NET runtime's null-reference handling kills the process (harmless when UCX is
    /// unused). Open MPI: the ob1 messaging layer over self + shared memory (vader) + TCP (between machines), and no
    /// single-copy mechanism (CMA needs ptrace rights containers often lack); a rank waiting in a collective yields its
    /// core (measured on 2 cores, 2 ranks, 3000 windows: 0.2 ms instead of 0.7–1.2 ms per window exchange, since
    /// the graph's own threads need the cores the waiting MPI thread would spin on). Values the user set are kept.
    /// </summary>
    private static void PrepareEnvironment()
    {
        MpiNative.SetEnv("UCX_HANDLE_ERRORS", "none", 1);
        MpiNative.SetEnv("OMPI_MCA_pml", "ob1", 0);
        MpiNative.SetEnv("OMPI_MCA_btl", "self,vader,tcp", 0);
        MpiNative.SetEnv("OMPI_MCA_btl_vader_single_copy_mechanism", "none", 0);
        MpiNative.SetEnv("OMPI_MCA_mpi_yield_when_idle", "1", 0);
    }

    public void Barrier() => Invoke(() => Check("MPI_Barrier", MpiNative.Barrier(_comm)));

    public unsafe void Broadcast(Span<byte> data, int root)
    {
        fixed (byte* p = data)
        {
            var address = (nint)p;
            var count = data.Length;
            Invoke(() => Check("MPI_Bcast", MpiNative.Bcast((void*)address, count, _byte, root, _comm)));
        }
    }

    public unsafe void Broadcast(Span<double> data, int root)
    {
        fixed (double* p = data)
        {
            var address = (nint)p;
            var count = data.Length;
            Invoke(() => Check("MPI_Bcast", MpiNative.Bcast((void*)address, count, _double, root, _comm)));
        }
    }

    /// <summary>MPI_Gatherv of doubles: on <paramref name="root"/>, rank r's values land at the sum of the counts of ranks &lt; r.</summary>
    public unsafe void GatherV(ReadOnlySpan<double> send, Span<double> receive, ReadOnlySpan<int> countsByRank, int root)
    {
        var isRoot = Rank == root;
        var counts = isRoot ? countsByRank.ToArray() : [];
        var displacements = new int[counts.Length];
        for (var r = 1; r < counts.Length; r++)
        {
            displacements[r] = displacements[r - 1] + counts[r - 1];
        }

        fixed (double* s = send)
        fixed (double* d = receive)
        fixed (int* c = counts)
        fixed (int* o = displacements)
        {
            nint sp = (nint)s, dp = (nint)d, cp = (nint)c, op = (nint)o;
            var sendCount = send.Length;
            Invoke(() => Check("MPI_Gatherv", MpiNative.Gatherv((void*)sp, sendCount, _double, (void*)dp, (int*)cp, (int*)op, _double, root, _comm)));
        }
    }

    public unsafe long AllReduceMax(long value)
    {
        return Invoke(() =>
        {
            var send = value;
            long result;
            Check("MPI_Allreduce", MpiNative.Allreduce(&send, &result, 1, _long, _max, _comm));
            return result;
        });
    }

    /// <summary>Element-wise MPI_MAX over all ranks, in place.</summary>
    public unsafe void AllReduceMax(Span<long> values)
    {
        var send = values.ToArray();
        fixed (long* s = send)
        fixed (long* r = values)
        {
            nint sp = (nint)s, rp = (nint)r;
            var count = send.Length;
            Invoke(() => Check("MPI_Allreduce", MpiNative.Allreduce((void*)sp, (void*)rp, count, _long, _max, _comm)));
        }
    }

    /// <summary>
    /// MPI_Abort on MPI_COMM_WORLD: ends every rank of the job with <paramref name="exitCode"/>. Called directly, not
    /// on the MPI thread, since that thread may be blocked in a collective that will never complete; Open MPI 4.1
    /// (built with MPI_THREAD_MULTIPLE support) handles this.
    /// </summary>
    public void Abort(int exitCode) => MpiNative.Abort(_comm, exitCode);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Invoke(() => Check("MPI_Finalize", MpiNative.FinalizeMpi()));
        _work.CompleteAdding();
        _thread.Join();
        _work.Dispose();
    }

    private void Invoke(Action call) => Invoke(() =>
    {
        call();
        return 0;
    });

    private T Invoke<T>(Func<T> call)
    {
        ObjectDisposedException.ThrowIf(_work.IsAddingCompleted, this);
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        using var done = new ManualResetEventSlim();
        _work.Add(() =>
        {
            try
            {
                result = call();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                done.Set();
            }
        });
        done.Wait();
        failure?.Throw();
        return result;
    }

    private void Loop()
    {
        foreach (var work in _work.GetConsumingEnumerable())
        {
            work();
        }
    }

    private static unsafe void Check(string call, int code)
    {
        if (code == MpiNative.Success)
        {
            return;
        }

        var text = new byte[256]; // MPI_MAX_ERROR_STRING in Open MPI
        fixed (byte* p = text)
        {
            _ = MpiNative.ErrorString(code, p, out var length);
            throw new MpiException(call, code, Encoding.ASCII.GetString(text, 0, Math.Clamp(length, 0, text.Length)));
        }
    }
}
