namespace HybridLfp.Streaming.Blocks.Interop.Mpi;

/// <summary>An MPI call returned an error code (only reachable when the error handler is not MPI_ERRORS_ARE_FATAL).</summary>
public sealed class MpiException(string call, int errorCode, string text)
    : Exception($"{call} failed with MPI error {errorCode}: {text}")
{
    public int ErrorCode { get; } = errorCode;
}
