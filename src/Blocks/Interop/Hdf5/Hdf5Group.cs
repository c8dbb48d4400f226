using System.Text;

namespace HybridLfp.Streaming.Blocks.Interop.Hdf5;

/// <summary>What a link inside a group points to.</summary>
internal enum Hdf5ChildKind
{
    Missing,
    Group,
    Dataset,
    Other,
}

/// <summary>
/// An open HDF5 group (or a file's root group): lists, opens and creates children, reads and writes attributes.
/// Threading: one thread at a time; every libhdf5 call holds <see cref="Hdf5Library.Gate"/>.
/// </summary>
internal class Hdf5Group : IDisposable
{
    private protected readonly Hdf5Handle _handle;

    /// <summary>File name used in error messages.</summary>
    public string FileName { get; }

    /// <summary>Path of this group inside the file (e.g. "/spikes/v1"), for error messages.</summary>
    public string Path { get; }

    private protected Hdf5Group(Hdf5Handle handle, string fileName, string path)
    {
        _handle = handle;
        FileName = fileName;
        Path = path;
    }

    internal long Id => _handle.Id;

    private string ChildPath(string name) => name.StartsWith('/') ? name : Path == "/" ? "/" + name : Path + "/" + name;

    /// <summary>Whether a direct child link called <paramref name="name"/> exists and what it points to.</summary>
    public Hdf5ChildKind KindOf(string name)
    {
        lock (Hdf5Library.Gate)
        {
            string what = $"looking for '{ChildPath(name)}'";
            if (Hdf5Library.Check(Hdf5Native.H5Lexists(_handle.Id, name, Hdf5Native.H5P_DEFAULT), FileName, what) == 0)
            {
                return Hdf5ChildKind.Missing;
            }

            using var obj = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Oopen(_handle.Id, name, Hdf5Native.H5P_DEFAULT), FileName, what), Hdf5HandleKind.Object);
            return Hdf5Native.H5Iget_type(obj.Id) switch
            {
                Hdf5Native.H5I_GROUP => Hdf5ChildKind.Group,
                Hdf5Native.H5I_DATASET => Hdf5ChildKind.Dataset,
                _ => Hdf5ChildKind.Other,
            };
        }
    }

    /// <summary>Names of the direct children, in HDF5's name order.</summary>
    public unsafe IReadOnlyList<string> ChildNames()
    {
        lock (Hdf5Library.Gate)
        {
            string what = $"listing '{Path}'";
            Hdf5Library.Check(Hdf5Native.H5Gget_info(_handle.Id, out var info), FileName, what);
            var names = new List<string>((int)info.LinkCount);
            for (ulong i = 0; i < info.LinkCount; i++)
            {
                // index type H5_INDEX_NAME = 0, order H5_ITER_INC = 0.
                long length = Hdf5Library.Check(Hdf5Native.H5Lget_name_by_idx(_handle.Id, ".", 0, 0, i, null, 0, Hdf5Native.H5P_DEFAULT), FileName, what);
                var buffer = new byte[length + 1];
                fixed (byte* p = buffer)
                {
                    Hdf5Library.Check(Hdf5Native.H5Lget_name_by_idx(_handle.Id, ".", 0, 0, i, p, (nuint)buffer.Length, Hdf5Native.H5P_DEFAULT), FileName, what);
                }

                names.Add(Encoding.UTF8.GetString(buffer, 0, (int)length));
            }

            return names;
        }
    }

    public Hdf5Group OpenGroup(string name)
    {
        lock (Hdf5Library.Gate)
        {
            long id = Hdf5Library.Check(Hdf5Native.H5Gopen2(_handle.Id, name, Hdf5Native.H5P_DEFAULT), FileName, $"opening group '{ChildPath(name)}'");
            return new Hdf5Group(new Hdf5Handle(id, Hdf5HandleKind.Group), FileName, ChildPath(name));
        }
    }

    public Hdf5Group CreateGroup(string name)
    {
        lock (Hdf5Library.Gate)
        {
            string what = $"creating group '{ChildPath(name)}'";
            using var gcpl = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Pcreate(Hdf5Library.Globals.GroupCreateClass), FileName, what), Hdf5HandleKind.PropertyList);
            Hdf5Library.Check(Hdf5Native.H5Pset_obj_track_times(gcpl.Id, false), FileName, what); // no time stamps: same data, same bytes
            long id = Hdf5Library.Check(Hdf5Native.H5Gcreate2(_handle.Id, name, Hdf5Native.H5P_DEFAULT, gcpl.Id, Hdf5Native.H5P_DEFAULT), FileName, what);
            return new Hdf5Group(new Hdf5Handle(id, Hdf5HandleKind.Group), FileName, ChildPath(name));
        }
    }

    public Hdf5Dataset OpenDataset(string name) => Hdf5Dataset.Open(this, name, ChildPath(name));

    /// <summary>Creates an empty 1-D dataset of unlimited length, chunked by <paramref name="chunkLength"/> elements.</summary>
    public Hdf5Dataset CreateExtendible(string name, long fileType, int chunkLength) => Hdf5Dataset.CreateExtendible(this, name, ChildPath(name), fileType, chunkLength);

    /// <summary>Creates an empty float64 matrix (rows × 0), extendible along columns, chunked (rows, chunkColumns).</summary>
    public Hdf5Matrix CreateExtendibleMatrix(string name, int rows, int chunkColumns) =>
        Hdf5Matrix.CreateExtendible(_handle.Id, FileName, name, ChildPath(name), rows, chunkColumns);

    /// <summary>Opens a dataset of rank 0–2 as a matrix of doubles.</summary>
    public Hdf5Matrix OpenMatrix(string name) => Hdf5Matrix.Open(_handle.Id, FileName, name, ChildPath(name));

    /// <summary>Writes a scalar float64 dataset (as h5py's <c>f['srate'] = 1000.0</c>).</summary>
    public unsafe void WriteScalarDataset(string name, double value) =>
        Hdf5Matrix.WriteFixed(_handle.Id, FileName, ChildPath(name), name, 0, 1, 1, int64: false, &value);

    /// <summary>Writes a fixed float64 dataset: rows × columns (row-major), or a vector when <paramref name="columns"/> is null.</summary>
    public unsafe void WriteDoubleDataset(string name, ReadOnlySpan<double> values, long rows, long? columns = null)
    {
        fixed (double* p = values)
        {
            Hdf5Matrix.WriteFixed(_handle.Id, FileName, ChildPath(name), name, columns is null ? 1 : 2, rows, columns ?? 1, int64: false, p);
        }
    }

    /// <summary>Writes a fixed signed 64-bit integer vector dataset.</summary>
    public unsafe void WriteInt64Dataset(string name, ReadOnlySpan<long> values)
    {
        fixed (long* p = values)
        {
            Hdf5Matrix.WriteFixed(_handle.Id, FileName, ChildPath(name), name, 1, values.Length, 1, int64: true, p);
        }
    }

    public double? ReadDoubleAttribute(string name) => Hdf5Attributes.ReadDouble(_handle.Id, name, FileName);

    public void WriteDoubleAttribute(string name, double value) => Hdf5Attributes.WriteDouble(_handle.Id, name, value, FileName);

    public string? ReadAttributeAsText(string name) => Hdf5Attributes.ReadAsText(_handle.Id, name, FileName);

    public void WriteUtf8Attribute(string name, string value, bool replace = false) => Hdf5Attributes.WriteUtf8(_handle.Id, name, value, FileName, replace);

    public void WriteEnumU8Attribute(string name, IReadOnlyList<(string Name, byte Value)> members, byte value) => Hdf5Attributes.WriteEnumU8(_handle.Id, name, members, value, FileName);

    public void Dispose()
    {
        _handle.Dispose();
        GC.SuppressFinalize(this);
    }
}
