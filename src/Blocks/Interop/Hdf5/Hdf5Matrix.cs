namespace HybridLfp.Streaming.Blocks.Interop.Hdf5;

/// <summary>
/// An open dataset of doubles seen as a row-major matrix (rank 2: rows × columns; rank 1: n × 1; rank 0: 1 × 1).
/// Extendible matrices grow along columns (time samples): <see cref="AppendColumns"/> extends the dataset with
/// <c>H5Dset_extent</c> and writes one hyperslab, so nothing is held in memory between calls.
/// Threading: one thread at a time; each call holds <see cref="Hdf5Library.Gate"/>.
/// </summary>
internal sealed unsafe class Hdf5Matrix : IDisposable
{
    private readonly Hdf5Handle _handle;
    private long _columns;

    public string FileName { get; }

    /// <summary>Path inside the file.</summary>
    public string Path { get; }

    /// <summary>Rank of the dataset (0, 1 or 2).</summary>
    public int Rank { get; }

    /// <summary>First dimension (channels).</summary>
    public long Rows { get; }

    /// <summary>Second dimension (samples); grows with <see cref="AppendColumns"/>.</summary>
    public long Columns => _columns;

    /// <summary>Maximum of the second dimension; <see cref="ulong.MaxValue"/> = H5S_UNLIMITED.</summary>
    public ulong MaxColumns { get; }

    /// <summary>Chunk shape (rows, columns), or null for contiguous storage.</summary>
    public (long Rows, long Columns)? Chunk { get; }

    private Hdf5Matrix(Hdf5Handle handle, string fileName, string path, int rank, long rows, long columns, ulong maxColumns, (long, long)? chunk)
    {
        _handle = handle;
        FileName = fileName;
        Path = path;
        Rank = rank;
        Rows = rows;
        _columns = columns;
        MaxColumns = maxColumns;
        Chunk = chunk;
    }

    /// <summary>Creates an empty float64 dataset of shape (rows, 0), unlimited along columns, chunked (rows, chunkColumns).</summary>
    internal static Hdf5Matrix CreateExtendible(long parentId, string fileName, string name, string path, int rows, int chunkColumns)
    {
        var g = Hdf5Library.Globals;
        lock (Hdf5Library.Gate)
        {
            string what = $"creating dataset '{path}'";
            ulong* dims = stackalloc ulong[2] { (ulong)rows, 0 };
            ulong* max = stackalloc ulong[2] { (ulong)rows, Hdf5Native.H5S_UNLIMITED };
            ulong* chunk = stackalloc ulong[2] { (ulong)Math.Max(rows, 1), (ulong)chunkColumns };
            using var space = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Screate_simple(2, dims, max), fileName, what), Hdf5HandleKind.Dataspace);
            using var dcpl = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Pcreate(g.DatasetCreateClass), fileName, what), Hdf5HandleKind.PropertyList);
            Hdf5Library.Check(Hdf5Native.H5Pset_chunk(dcpl.Id, 2, chunk), fileName, what);
            Hdf5Library.Check(Hdf5Native.H5Pset_obj_track_times(dcpl.Id, false), fileName, what); // same data, same bytes

            // Appends touch only the last chunk: a cache of a few chunks (not libhdf5's 1 MiB per dataset) keeps
            // memory small when a run has many probes × populations.
            using var dapl = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Pcreate(g.DatasetAccessClass), fileName, what), Hdf5HandleKind.PropertyList);
            nuint chunkBytes = (nuint)((ulong)Math.Max(rows, 1) * (ulong)chunkColumns * sizeof(double));
            Hdf5Library.Check(Hdf5Native.H5Pset_chunk_cache(dapl.Id, 101, 2 * chunkBytes, 1.0), fileName, what);
            long id = Hdf5Library.Check(Hdf5Native.H5Dcreate2(parentId, name, g.IeeeF64Le, space.Id, Hdf5Native.H5P_DEFAULT, dcpl.Id, dapl.Id), fileName, what);
            return new Hdf5Matrix(new Hdf5Handle(id, Hdf5HandleKind.Dataset), fileName, path, 2, rows, 0, Hdf5Native.H5S_UNLIMITED, (Math.Max(rows, 1), chunkColumns));
        }
    }

    /// <summary>Writes a fixed-size dataset: a scalar (<paramref name="rank"/> 0), a vector (1) or a rows × columns matrix (2).</summary>
    internal static void WriteFixed(long parentId, string fileName, string path, string name, int rank, long rows, long columns, bool int64, void* data)
    {
        var g = Hdf5Library.Globals;
        lock (Hdf5Library.Gate)
        {
            string what = $"writing dataset '{path}'";
            ulong* dims = stackalloc ulong[2] { (ulong)rows, (ulong)columns };
            long spaceId = rank == 0 ? Hdf5Native.H5Screate(Hdf5Native.H5S_SCALAR) : Hdf5Native.H5Screate_simple(rank, dims, null);
            using var space = new Hdf5Handle(Hdf5Library.Check(spaceId, fileName, what), Hdf5HandleKind.Dataspace);
            long fileType = int64 ? g.StdI64Le : g.IeeeF64Le;
            long memType = int64 ? g.NativeInt64 : g.NativeDouble;
            using var dcpl = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Pcreate(g.DatasetCreateClass), fileName, what), Hdf5HandleKind.PropertyList);
            Hdf5Library.Check(Hdf5Native.H5Pset_obj_track_times(dcpl.Id, false), fileName, what);
            using var dataset = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Dcreate2(parentId, name, fileType, space.Id, Hdf5Native.H5P_DEFAULT, dcpl.Id, Hdf5Native.H5P_DEFAULT), fileName, what), Hdf5HandleKind.Dataset);
            if (rows * columns > 0 || rank == 0)
            {
                Hdf5Library.Check(Hdf5Native.H5Dwrite(dataset.Id, memType, Hdf5Native.H5S_ALL, Hdf5Native.H5S_ALL, Hdf5Native.H5P_DEFAULT, data), fileName, what);
            }
        }
    }

    internal static Hdf5Matrix Open(long parentId, string fileName, string name, string path)
    {
        lock (Hdf5Library.Gate)
        {
            string what = $"opening dataset '{path}'";
            var handle = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Dopen2(parentId, name, Hdf5Native.H5P_DEFAULT), fileName, what), Hdf5HandleKind.Dataset);
            try
            {
                using var space = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Dget_space(handle.Id), fileName, what), Hdf5HandleKind.Dataspace);
                int rank = (int)Hdf5Library.Check(Hdf5Native.H5Sget_simple_extent_ndims(space.Id), fileName, what);
                if (rank > 2)
                {
                    throw new Hdf5Exception(fileName, what, $"dataset has {rank} dimensions; expected at most 2");
                }

                ulong* dims = stackalloc ulong[2] { 1, 1 };
                ulong* max = stackalloc ulong[2] { 1, 1 };
                if (rank > 0)
                {
                    Hdf5Library.Check(Hdf5Native.H5Sget_simple_extent_dims(space.Id, dims, max), fileName, what);
                }

                (long, long)? chunk = null;
                using (var dcpl = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Dget_create_plist(handle.Id), fileName, what), Hdf5HandleKind.PropertyList))
                {
                    ulong* c = stackalloc ulong[2] { 1, 1 };
                    int chunkRank = Hdf5Native.H5Pget_chunk(dcpl.Id, 2, c);
                    if (chunkRank > 0)
                    {
                        chunk = chunkRank == 2 ? ((long)c[0], (long)c[1]) : ((long)c[0], 1);
                    }
                    else
                    {
                        Hdf5Native.H5Eclear2(Hdf5Native.H5E_DEFAULT); // contiguous layout: not an error for us
                    }
                }

                long columns = rank == 2 ? (long)dims[1] : 1;
                ulong maxColumns = rank == 2 ? max[1] : 1;
                return new Hdf5Matrix(handle, fileName, path, rank, rank >= 1 ? (long)dims[0] : 1, columns, maxColumns, chunk);
            }
            catch
            {
                handle.Dispose();
                throw;
            }
        }
    }

    /// <summary>
    /// Appends <paramref name="columns"/> columns given row-major as rows × columns values (a frame's channels ×
    /// samples buffer): extends the dataset and writes the new hyperslab.
    /// </summary>
    public void AppendColumns(ReadOnlySpan<double> rowMajor, int columns)
    {
        if (rowMajor.Length != Rows * columns)
        {
            throw new ArgumentException($"'{Path}': expected {Rows} × {columns} values, got {rowMajor.Length}", nameof(rowMajor));
        }

        if (columns == 0)
        {
            return;
        }

        lock (Hdf5Library.Gate)
        {
            string what = $"appending {columns} samples to '{Path}'";
            ulong* newDims = stackalloc ulong[2] { (ulong)Rows, (ulong)(_columns + columns) };
            ulong* start = stackalloc ulong[2] { 0, (ulong)_columns };
            ulong* count = stackalloc ulong[2] { (ulong)Rows, (ulong)columns };
            Hdf5Library.Check(Hdf5Native.H5Dset_extent(_handle.Id, newDims), FileName, what);
            using var fileSpace = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Dget_space(_handle.Id), FileName, what), Hdf5HandleKind.Dataspace);
            Hdf5Library.Check(Hdf5Native.H5Sselect_hyperslab(fileSpace.Id, Hdf5Native.H5S_SELECT_SET, start, null, count, null), FileName, what);
            using var memSpace = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Screate_simple(2, count, null), FileName, what), Hdf5HandleKind.Dataspace);
            fixed (double* p = rowMajor)
            {
                Hdf5Library.Check(Hdf5Native.H5Dwrite(_handle.Id, Hdf5Library.Globals.NativeDouble, memSpace.Id, fileSpace.Id, Hdf5Native.H5P_DEFAULT, p), FileName, what);
            }

            _columns += columns;
        }
    }

    /// <summary>All values, row-major (Rows × Columns), converted to double.</summary>
    public double[] ReadAll()
    {
        var values = new double[Rows * _columns];
        if (values.Length == 0)
        {
            return values;
        }

        lock (Hdf5Library.Gate)
        {
            fixed (double* p = values)
            {
                Hdf5Library.Check(Hdf5Native.H5Dread(_handle.Id, Hdf5Library.Globals.NativeDouble, Hdf5Native.H5S_ALL, Hdf5Native.H5S_ALL, Hdf5Native.H5P_DEFAULT, p), FileName, $"reading '{Path}'");
            }
        }

        return values;
    }

    public string? ReadAttributeAsText(string name) => Hdf5Attributes.ReadAsText(_handle.Id, name, FileName);

    public double? ReadDoubleAttribute(string name) => Hdf5Attributes.ReadDouble(_handle.Id, name, FileName);

    public void WriteUtf8Attribute(string name, string value) => Hdf5Attributes.WriteUtf8(_handle.Id, name, value, FileName);

    public void WriteDoubleAttribute(string name, double value) => Hdf5Attributes.WriteDouble(_handle.Id, name, value, FileName);

    public void Dispose() => _handle.Dispose();
}
