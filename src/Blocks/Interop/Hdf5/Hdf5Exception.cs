using HybridLfp.Streaming.Numerics;

namespace HybridLfp.Streaming.Blocks.Interop.Hdf5;

/// <summary>
/// An HDF5 call failed. <see cref="Exception.Message"/> names the file, what we were doing, and HDF5's own error
/// stack (innermost frame last), so users see "file truncated" or "bad object header" instead of an error code.
/// </summary>
public sealed class Hdf5Exception : InputException
{
    /// <summary>HDF5's error stack as text, one frame per line (may be empty when the library gave none).</summary>
    public string ErrorStack { get; }

    public Hdf5Exception(string fileName, string operation, string errorStack)
        : base(fileName, string.IsNullOrEmpty(errorStack) ? $"HDF5 error while {operation}" : $"HDF5 error while {operation}: {errorStack}")
    {
        ErrorStack = errorStack;
    }
}
