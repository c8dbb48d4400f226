namespace HybridLfp.Streaming.Blocks.Interop.Hdf5;

/// <summary>
/// An open 1-D dataset: its element type, its length, hyperslab reads converted to 64-bit integers or doubles,
/// and appends for extendible datasets. Threading: one thread at a time; each call holds <see cref="Hdf5Library.Gate"/>.
/// </summary>
internal sealed unsafe class Hdf5Dataset : IDisposable
{
    private readonly Hdf5Handle _handle;
    private long _length;

    /// <summary>File name for error messages.</summary>
    public string FileName { get; }

    /// <summary>Path inside the file (e.g. "/spikes/v1/node_ids").</summary>
    public string Path { get; }

    /// <summary>HDF5 type class of the stored elements (H5T_INTEGER = 0, H5T_FLOAT = 1, …).</summary>
    public int TypeClass { get; }

    /// <summary>Size in bytes of one stored element.</summary>
    public int ElementSize { get; }

    /// <summary>True for signed integers (meaningless for other classes).</summary>
    public bool IsSigned { get; }

    /// <summary>Number of elements.</summary>
    public long Length => _length;

    private Hdf5Dataset(Hdf5Handle handle, string fileName, string path, int typeClass, int elementSize, bool isSigned, long length)
    {
        _handle = handle;
        FileName = fileName;
        Path = path;
        TypeClass = typeClass;
        ElementSize = elementSize;
        IsSigned = isSigned;
        _length = length;
    }

    internal static Hdf5Dataset Open(Hdf5Group parent, string name, string path)
    {
        string file = parent.FileName;
        lock (Hdf5Library.Gate)
        {
            string what = $"opening dataset '{path}'";
            var handle = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Dopen2(parent.Id, name, Hdf5Native.H5P_DEFAULT), file, what), Hdf5HandleKind.Dataset);
            try
            {
                using var type = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Dget_type(handle.Id), file, what), Hdf5HandleKind.Datatype);
                int typeClass = (int)Hdf5Library.Check(Hdf5Native.H5Tget_class(type.Id), file, what);
                int size = (int)Hdf5Native.H5Tget_size(type.Id);
                bool signed = typeClass == Hdf5Native.H5T_INTEGER && Hdf5Native.H5Tget_sign(type.Id) != Hdf5Native.H5T_SGN_NONE;
                using var space = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Dget_space(handle.Id), file, what), Hdf5HandleKind.Dataspace);
                int rank = (int)Hdf5Library.Check(Hdf5Native.H5Sget_simple_extent_ndims(space.Id), file, what);
                if (rank != 1)
                {
                    throw new Hdf5Exception(file, what, $"dataset has {rank} dimensions; expected a 1-D array");
                }

                ulong dim = 0;
                Hdf5Library.Check(Hdf5Native.H5Sget_simple_extent_dims(space.Id, &dim, null), file, what);
                return new Hdf5Dataset(handle, file, path, typeClass, size, signed, (long)dim);
            }
            catch
            {
                handle.Dispose();
                throw;
            }
        }
    }

    internal static Hdf5Dataset CreateExtendible(Hdf5Group parent, string name, string path, long fileType, int chunkLength)
    {
        var g = Hdf5Library.Globals;
        string file = parent.FileName;
        lock (Hdf5Library.Gate)
        {
            string what = $"creating dataset '{path}'";
            ulong zero = 0;
            ulong unlimited = Hdf5Native.H5S_UNLIMITED;
            ulong chunk = (ulong)chunkLength;
            using var space = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Screate_simple(1, &zero, &unlimited), file, what), Hdf5HandleKind.Dataspace);
            using var dcpl = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Pcreate(g.DatasetCreateClass), file, what), Hdf5HandleKind.PropertyList);
            Hdf5Library.Check(Hdf5Native.H5Pset_chunk(dcpl.Id, 1, &chunk), file, what);
            Hdf5Library.Check(Hdf5Native.H5Pset_obj_track_times(dcpl.Id, false), file, what); // no time stamps: same data, same bytes
            long id = Hdf5Library.Check(Hdf5Native.H5Dcreate2(parent.Id, name, fileType, space.Id, Hdf5Native.H5P_DEFAULT, dcpl.Id, Hdf5Native.H5P_DEFAULT), file, what);
            using var type = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Tcopy(fileType), file, what), Hdf5HandleKind.Datatype);
            int typeClass = Hdf5Native.H5Tget_class(type.Id);
            bool signed = typeClass == Hdf5Native.H5T_INTEGER && Hdf5Native.H5Tget_sign(type.Id) != Hdf5Native.H5T_SGN_NONE;
            return new Hdf5Dataset(new Hdf5Handle(id, Hdf5HandleKind.Dataset), file, path, typeClass, (int)Hdf5Native.H5Tget_size(type.Id), signed, 0);
        }
    }

    /// <summary>Reads elements [start, start + destination.Length) converted to 64-bit signed integers.</summary>
    public void ReadInt64(long start, Span<long> destination)
    {
        fixed (long* p = destination)
        {
            Read(start, destination.Length, Hdf5Library.Globals.NativeInt64, p);
        }
    }

    /// <summary>Reads elements [start, start + destination.Length) converted to doubles.</summary>
    public void ReadDouble(long start, Span<double> destination)
    {
        fixed (double* p = destination)
        {
            Read(start, destination.Length, Hdf5Library.Globals.NativeDouble, p);
        }
    }

    private void Read(long start, int count, long memType, void* buffer)
    {
        if (count == 0)
        {
            return;
        }

        if (start < 0 || start + count > _length)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"read [{start}, {start + count}) outside '{Path}' of length {_length}");
        }

        lock (Hdf5Library.Gate)
        {
            string what = $"reading '{Path}' elements {start}..{start + count - 1}";
            ulong offset = (ulong)start;
            ulong n = (ulong)count;
            using var fileSpace = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Dget_space(_handle.Id), FileName, what), Hdf5HandleKind.Dataspace);
            Hdf5Library.Check(Hdf5Native.H5Sselect_hyperslab(fileSpace.Id, Hdf5Native.H5S_SELECT_SET, &offset, null, &n, null), FileName, what);
            using var memSpace = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Screate_simple(1, &n, null), FileName, what), Hdf5HandleKind.Dataspace);
            Hdf5Library.Check(Hdf5Native.H5Dread(_handle.Id, memType, memSpace.Id, fileSpace.Id, Hdf5Native.H5P_DEFAULT, buffer), FileName, what);
        }
    }

    /// <summary>Appends values (converted from 64-bit integers) to an extendible dataset.</summary>
    public void AppendInt64(ReadOnlySpan<long> values)
    {
        fixed (long* p = values)
        {
            Append(values.Length, Hdf5Library.Globals.NativeInt64, p);
        }
    }

    /// <summary>Appends doubles to an extendible dataset.</summary>
    public void AppendDouble(ReadOnlySpan<double> values)
    {
        fixed (double* p = values)
        {
            Append(values.Length, Hdf5Library.Globals.NativeDouble, p);
        }
    }

    private void Append(int count, long memType, void* buffer)
    {
        if (count == 0)
        {
            return;
        }

        lock (Hdf5Library.Gate)
        {
            string what = $"appending to '{Path}'";
            ulong offset = (ulong)_length;
            ulong n = (ulong)count;
            ulong newLength = offset + n;
            Hdf5Library.Check(Hdf5Native.H5Dset_extent(_handle.Id, &newLength), FileName, what);
            using var fileSpace = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Dget_space(_handle.Id), FileName, what), Hdf5HandleKind.Dataspace);
            Hdf5Library.Check(Hdf5Native.H5Sselect_hyperslab(fileSpace.Id, Hdf5Native.H5S_SELECT_SET, &offset, null, &n, null), FileName, what);
            using var memSpace = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Screate_simple(1, &n, null), FileName, what), Hdf5HandleKind.Dataspace);
            Hdf5Library.Check(Hdf5Native.H5Dwrite(_handle.Id, memType, memSpace.Id, fileSpace.Id, Hdf5Native.H5P_DEFAULT, buffer), FileName, what);
            _length = (long)newLength;
        }
    }

    public string? ReadAttributeAsText(string name) => Hdf5Attributes.ReadAsText(_handle.Id, name, FileName);

    public void WriteUtf8Attribute(string name, string value) => Hdf5Attributes.WriteUtf8(_handle.Id, name, value, FileName);

    public void WriteEnumU8Attribute(string name, IReadOnlyList<(string Name, byte Value)> members, byte value) => Hdf5Attributes.WriteEnumU8(_handle.Id, name, members, value, FileName);

    public void Dispose() => _handle.Dispose();
}
