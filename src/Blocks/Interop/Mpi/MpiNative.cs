using System.Runtime.InteropServices;

namespace HybridLfp.Streaming.Blocks.Interop.Mpi;

/// <summary>
/// The raw entry points of Open MPI 4.1 (<c>libmpi.so.40</c>) we use, and its predefined handles. In Open MPI an
/// <c>MPI_Comm</c>, <c>MPI_Datatype</c> or <c>MPI_Op</c> is a pointer, and the predefined ones are the ADDRESSES of
/// exported objects (<c>ompi_mpi_comm_world</c>, <c>ompi_mpi_double</c>, …), resolved here with
/// <see cref="NativeLibrary.GetExport"/>. Only <see cref="MpiSession"/> calls these. Not thread-safe by itself.
/// </summary>
internal static partial class MpiNative
{
    public const string LibraryName = "libmpi.so.40";

    /// <summary>MPI_SUCCESS.</summary>
    public const int Success = 0;

    private static readonly Lazy<nint> Library = new(() => NativeLibrary.Load(LibraryName));

    /// <summary>Address of an exported Open MPI object (= its handle).</summary>
    public static nint Handle(string symbol) => NativeLibrary.GetExport(Library.Value, symbol);

    /// <summary>True when the library can be loaded on this machine.</summary>
    public static bool IsAvailable()
    {
        try
        {
            return Library.Value != 0;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    [LibraryImport(LibraryName, EntryPoint = "MPI_Init_thread")]
    public static partial int InitThread(nint argc, nint argv, int required, out int provided);

    [LibraryImport(LibraryName, EntryPoint = "MPI_Initialized")]
    public static partial int Initialized(out int flag);

    [LibraryImport(LibraryName, EntryPoint = "MPI_Finalized")]
    public static partial int Finalized(out int flag);

    [LibraryImport(LibraryName, EntryPoint = "MPI_Finalize")]
    public static partial int FinalizeMpi();

    [LibraryImport(LibraryName, EntryPoint = "MPI_Comm_rank")]
    public static partial int CommRank(nint comm, out int rank);

    [LibraryImport(LibraryName, EntryPoint = "MPI_Comm_size")]
    public static partial int CommSize(nint comm, out int size);

    [LibraryImport(LibraryName, EntryPoint = "MPI_Barrier")]
    public static partial int Barrier(nint comm);

    [LibraryImport(LibraryName, EntryPoint = "MPI_Bcast")]
    public static unsafe partial int Bcast(void* buffer, int count, nint datatype, int root, nint comm);

    [LibraryImport(LibraryName, EntryPoint = "MPI_Gatherv")]
    public static unsafe partial int Gatherv(void* sendBuffer, int sendCount, nint sendType, void* receiveBuffer,
        int* receiveCounts, int* displacements, nint receiveType, int root, nint comm);

    [LibraryImport(LibraryName, EntryPoint = "MPI_Allreduce")]
    public static unsafe partial int Allreduce(void* sendBuffer, void* receiveBuffer, int count, nint datatype, nint op, nint comm);

    [LibraryImport(LibraryName, EntryPoint = "MPI_Abort")]
    public static partial int Abort(nint comm, int errorCode);

    [LibraryImport(LibraryName, EntryPoint = "MPI_Error_string")]
    public static unsafe partial int ErrorString(int errorCode, byte* text, out int length);

    /// <summary>libc's setenv: Open MPI and UCX read the native environment, which Environment.SetEnvironmentVariable does not change.</summary>
    [LibraryImport("libc.so.6", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetEnv(string name, string value, int overwrite);
}
