using System.Runtime.InteropServices;
using System.Text;

namespace HybridLfp.Streaming.Blocks.Interop.Hdf5;

/// <summary>
/// One-time initialisation of libhdf5 and the library's global type and property-list ids.
/// Threading: the serial libhdf5 is not thread-safe, so every call into it from this folder holds <see cref="Gate"/>.
/// </summary>
internal static unsafe class Hdf5Library
{
    /// <summary>Serialises every libhdf5 call in the process.</summary>
    public static readonly Lock Gate = new();

    private static readonly Lazy<Hdf5Globals> s_globals = new(Initialise, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The library's predefined type and class ids, valid after <c>H5open</c>.</summary>
    public static Hdf5Globals Globals => s_globals.Value;

    private static Hdf5Globals Initialise()
    {
        lock (Gate)
        {
            // H5open must run before any *_g global is read: the globals are filled in by the library's init.
            if (Hdf5Native.H5open() < 0)
            {
                throw new Hdf5Exception(Hdf5Native.LibraryName, "initialising the library", string.Empty);
            }

            // Failures become exceptions with the stack text; the library must not print to stderr by itself.
            if (Hdf5Native.H5Eset_auto2(Hdf5Native.H5E_DEFAULT, 0, 0) < 0)
            {
                throw new Hdf5Exception(Hdf5Native.LibraryName, "switching off automatic error printing", string.Empty);
            }

            var lib = NativeLibrary.Load(Hdf5Native.LibraryName, typeof(Hdf5Library).Assembly, null);
            long Read(string name) => *(long*)NativeLibrary.GetExport(lib, name);
            return new Hdf5Globals(
                NativeDouble: Read("H5T_NATIVE_DOUBLE_g"),
                NativeInt64: Read("H5T_NATIVE_LLONG_g"),
                NativeUInt8: Read("H5T_NATIVE_UCHAR_g"),
                NativeUInt32: Read("H5T_NATIVE_UINT_g"),
                StdU64Le: Read("H5T_STD_U64LE_g"),
                StdI64Le: Read("H5T_STD_I64LE_g"),
                StdU32Le: Read("H5T_STD_U32LE_g"),
                StdU8Le: Read("H5T_STD_U8LE_g"),
                IeeeF64Le: Read("H5T_IEEE_F64LE_g"),
                CString: Read("H5T_C_S1_g"),
                DatasetCreateClass: Read("H5P_CLS_DATASET_CREATE_ID_g"),
                DatasetAccessClass: Read("H5P_CLS_DATASET_ACCESS_ID_g"),
                GroupCreateClass: Read("H5P_CLS_GROUP_CREATE_ID_g"),
                FileAccessClass: Read("H5P_CLS_FILE_ACCESS_ID_g"));
        }
    }

    /// <summary>Throws <see cref="Hdf5Exception"/> with the error stack when <paramref name="result"/> is negative.</summary>
    public static long Check(long result, string fileName, string operation)
    {
        if (result < 0)
        {
            throw new Hdf5Exception(fileName, operation, TakeErrorStack());
        }

        return result;
    }

    /// <summary>Reads and clears the current error stack as text, innermost frame last.</summary>
    public static string TakeErrorStack()
    {
        var text = new StringBuilder();
        var handle = GCHandle.Alloc(text);
        try
        {
            Hdf5Native.H5Ewalk2(Hdf5Native.H5E_DEFAULT, Hdf5Native.H5E_WALK_DOWNWARD, &CollectFrame, GCHandle.ToIntPtr(handle));
        }
        finally
        {
            handle.Free();
            Hdf5Native.H5Eclear2(Hdf5Native.H5E_DEFAULT);
        }

        return text.ToString().TrimEnd();
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    private static int CollectFrame(uint n, Hdf5Native.ErrorRecord* frame, nint clientData)
    {
        var text = (StringBuilder)GCHandle.FromIntPtr(clientData).Target!;
        var function = Marshal.PtrToStringUTF8((nint)frame->FunctionName) ?? "?";
        var description = Marshal.PtrToStringUTF8((nint)frame->Description) ?? string.Empty;
        text.Append(n == 0 ? "[" : " [").Append(n).Append("] ").Append(function).Append(": ").Append(description).Append(';');
        return 0;
    }
}

/// <summary>Predefined HDF5 ids read from the library's globals after <c>H5open</c>.</summary>
internal readonly record struct Hdf5Globals(
    long NativeDouble,
    long NativeInt64,
    long NativeUInt8,
    long NativeUInt32,
    long StdU64Le,
    long StdI64Le,
    long StdU32Le,
    long StdU8Le,
    long IeeeF64Le,
    long CString,
    long DatasetCreateClass,
    long DatasetAccessClass,
    long GroupCreateClass,
    long FileAccessClass);
