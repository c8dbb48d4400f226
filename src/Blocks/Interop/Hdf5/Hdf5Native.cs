using System.Runtime.InteropServices;

namespace HybridLfp.Streaming.Blocks.Interop.Hdf5;

/// <summary>
/// Raw P/Invoke declarations for Debian's serial libhdf5 1.10 (`libhdf5_serial.so.103`). Only this folder calls
/// them. Conventions of that ABI: <c>hid_t</c> is 64-bit (<see cref="long"/>), <c>herr_t</c>/<c>htri_t</c> are
/// <see cref="int"/> (negative = failure), <c>hsize_t</c> is <see cref="ulong"/>.
/// </summary>
internal static unsafe partial class Hdf5Native
{
    public const string LibraryName = "libhdf5_serial.so.103";

    public const long H5P_DEFAULT = 0;
    public const long H5S_ALL = 0;
    public const long H5E_DEFAULT = 0;
    public const uint H5F_ACC_RDONLY = 0;
    public const uint H5F_ACC_RDWR = 1;
    public const uint H5F_ACC_TRUNC = 2;
    public const int H5S_SELECT_SET = 0;
    public const int H5S_SCALAR = 0;
    public const ulong H5S_UNLIMITED = ulong.MaxValue;
    public static readonly nuint H5T_VARIABLE = nuint.MaxValue;
    public const int H5T_CSET_UTF8 = 1;
    public const int H5E_WALK_DOWNWARD = 1;

    public const int H5T_INTEGER = 0;
    public const int H5T_FLOAT = 1;
    public const int H5T_STRING = 3;
    public const int H5T_ENUM = 8;
    public const int H5T_SGN_NONE = 0;

    public const int H5I_GROUP = 2;
    public const int H5I_DATASET = 5;

    /// <summary>One frame of HDF5's error stack (layout of <c>H5E_error2_t</c>).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ErrorRecord
    {
        public long ClassId;
        public long MajorId;
        public long MinorId;
        public uint Line;
        public byte* FunctionName;
        public byte* FileName;
        public byte* Description;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct GroupInfo
    {
        public int StorageType;
        public ulong LinkCount;
        public long MaxCreationOrder;
        public int Mounted;
    }

    [LibraryImport(LibraryName)] public static partial int H5open();
    [LibraryImport(LibraryName)] public static partial int H5get_libversion(out uint major, out uint minor, out uint release);
    [LibraryImport(LibraryName)] public static partial int H5Eset_auto2(long stack, nint func, nint clientData);
    [LibraryImport(LibraryName)] public static partial int H5Ewalk2(long stack, int direction, delegate* unmanaged[Cdecl]<uint, ErrorRecord*, nint, int> func, nint clientData);
    [LibraryImport(LibraryName)] public static partial int H5Eclear2(long stack);
    [LibraryImport(LibraryName)] public static partial int H5free_memory(nint buffer);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Fopen(string name, uint flags, long fapl);
    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Fcreate(string name, uint flags, long fcpl, long fapl);
    [LibraryImport(LibraryName)] public static partial int H5Fclose(long file);
    [LibraryImport(LibraryName)] public static partial int H5Fflush(long obj, int scope);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Gopen2(long loc, string name, long gapl);
    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Gcreate2(long loc, string name, long lcpl, long gcpl, long gapl);
    [LibraryImport(LibraryName)] public static partial int H5Gclose(long group);
    [LibraryImport(LibraryName)] public static partial int H5Gget_info(long group, out GroupInfo info);
    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)] public static partial int H5Lexists(long loc, string name, long lapl);
    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)] public static partial nint H5Lget_name_by_idx(long loc, string groupName, int indexType, int order, ulong n, byte* name, nuint size, long lapl);
    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Oopen(long loc, string name, long lapl);
    [LibraryImport(LibraryName)] public static partial int H5Oclose(long obj);
    [LibraryImport(LibraryName)] public static partial int H5Iget_type(long id);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Dopen2(long loc, string name, long dapl);
    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Dcreate2(long loc, string name, long type, long space, long lcpl, long dcpl, long dapl);
    [LibraryImport(LibraryName)] public static partial int H5Dclose(long dataset);
    [LibraryImport(LibraryName)] public static partial long H5Dget_type(long dataset);
    [LibraryImport(LibraryName)] public static partial long H5Dget_space(long dataset);
    [LibraryImport(LibraryName)] public static partial int H5Dread(long dataset, long memType, long memSpace, long fileSpace, long xfer, void* buffer);
    [LibraryImport(LibraryName)] public static partial int H5Dwrite(long dataset, long memType, long memSpace, long fileSpace, long xfer, void* buffer);
    [LibraryImport(LibraryName)] public static partial int H5Dset_extent(long dataset, ulong* size);

    [LibraryImport(LibraryName)] public static partial int H5Sclose(long space);
    [LibraryImport(LibraryName)] public static partial long H5Screate(int type);
    [LibraryImport(LibraryName)] public static partial long H5Screate_simple(int rank, ulong* dims, ulong* maxDims);
    [LibraryImport(LibraryName)] public static partial int H5Sget_simple_extent_ndims(long space);
    [LibraryImport(LibraryName)] public static partial int H5Sget_simple_extent_dims(long space, ulong* dims, ulong* maxDims);
    [LibraryImport(LibraryName)] public static partial int H5Sselect_hyperslab(long space, int op, ulong* start, ulong* stride, ulong* count, ulong* block);

    [LibraryImport(LibraryName)] public static partial int H5Tclose(long type);
    [LibraryImport(LibraryName)] public static partial long H5Tcopy(long type);
    [LibraryImport(LibraryName)] public static partial int H5Tget_class(long type);
    [LibraryImport(LibraryName)] public static partial nuint H5Tget_size(long type);
    [LibraryImport(LibraryName)] public static partial int H5Tget_sign(long type);
    [LibraryImport(LibraryName)] public static partial int H5Tis_variable_str(long type);
    [LibraryImport(LibraryName)] public static partial int H5Tset_size(long type, nuint size);
    [LibraryImport(LibraryName)] public static partial int H5Tset_cset(long type, int cset);
    [LibraryImport(LibraryName)] public static partial long H5Tenum_create(long baseType);
    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)] public static partial int H5Tenum_insert(long type, string name, void* value);
    [LibraryImport(LibraryName)] public static partial int H5Tenum_nameof(long type, void* value, byte* name, nuint size);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)] public static partial int H5Aexists(long obj, string name);
    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Aopen(long obj, string name, long aapl);
    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Acreate2(long loc, string name, long type, long space, long acpl, long aapl);
    [LibraryImport(LibraryName)] public static partial int H5Aclose(long attribute);
    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)] public static partial int H5Adelete(long obj, string name);
    [LibraryImport(LibraryName)] public static partial long H5Aget_type(long attribute);
    [LibraryImport(LibraryName)] public static partial long H5Aget_space(long attribute);
    [LibraryImport(LibraryName)] public static partial int H5Aread(long attribute, long memType, void* buffer);
    [LibraryImport(LibraryName)] public static partial int H5Awrite(long attribute, long memType, void* buffer);

    [LibraryImport(LibraryName)] public static partial long H5Pcreate(long cls);
    [LibraryImport(LibraryName)] public static partial int H5Pclose(long plist);
    [LibraryImport(LibraryName)] public static partial int H5Pset_file_locking(long fapl, [MarshalAs(UnmanagedType.U1)] bool useFileLocking, [MarshalAs(UnmanagedType.U1)] bool ignoreWhenDisabled);
    [LibraryImport(LibraryName)] public static partial int H5Pset_chunk(long plist, int rank, ulong* dims);
    [LibraryImport(LibraryName)] public static partial int H5Pget_chunk(long plist, int maxRank, ulong* dims);
    [LibraryImport(LibraryName)] public static partial long H5Dget_create_plist(long dataset);
    [LibraryImport(LibraryName)] public static partial int H5Pset_obj_track_times(long plist, [MarshalAs(UnmanagedType.U1)] bool trackTimes);
    [LibraryImport(LibraryName)] public static partial int H5Pset_chunk_cache(long dapl, nuint slots, nuint bytes, double w0);
}
