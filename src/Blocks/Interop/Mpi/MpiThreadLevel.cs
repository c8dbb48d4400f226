namespace HybridLfp.Streaming.Blocks.Interop.Mpi;

/// <summary>MPI thread support levels (Open MPI's values of MPI_THREAD_*).</summary>
public enum MpiThreadLevel
{
    Single = 0,
    Funneled = 1,
    Serialized = 2,
    Multiple = 3,
}
