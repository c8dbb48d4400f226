namespace HybridLfp.Streaming.Blocks.Interop.Hdf5;

/// <summary>An open HDF5 file; as a group it is the root group "/". Closing it closes the file.</summary>
internal sealed class Hdf5File : Hdf5Group
{
    private Hdf5File(Hdf5Handle handle, string fileName)
        : base(handle, fileName, "/")
    {
    }

    /// <summary>Opens an existing file read-only. A missing or damaged file gives an <see cref="Hdf5Exception"/>.</summary>
    public static Hdf5File OpenRead(string path)
    {
        _ = Hdf5Library.Globals;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file.", path);
        }

        lock (Hdf5Library.Gate)
        {
            using var fapl = UnlockedFileAccess(path, "opening the file");
            long id = Hdf5Library.Check(Hdf5Native.H5Fopen(path, Hdf5Native.H5F_ACC_RDONLY, fapl.Id), path, "opening the file (is it an HDF5 file, and complete?)");
            return new Hdf5File(new Hdf5Handle(id, Hdf5HandleKind.File), path);
        }
    }

    /// <summary>
    /// File access without HDF5's file lock (flock), for reading and writing alike: libhdf5 opens files without
    /// O_CLOEXEC, so a child process started meanwhile (h5dump, mpirun, …) inherits the descriptor and keeps the lock
    /// after we close the file; readers would then fail on a finished file. Our writers are the only writer of their
    /// files, so the lock protects nothing here.
    /// </summary>
    private static Hdf5Handle UnlockedFileAccess(string path, string action)
    {
        var fapl = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Pcreate(Hdf5Library.Globals.FileAccessClass), path, action), Hdf5HandleKind.PropertyList);
        Hdf5Library.Check(Hdf5Native.H5Pset_file_locking(fapl.Id, false, true), path, action);
        return fapl;
    }

    /// <summary>Creates a new file, replacing any existing one.</summary>
    public static Hdf5File Create(string path)
    {
        _ = Hdf5Library.Globals;
        lock (Hdf5Library.Gate)
        {
            using var fapl = UnlockedFileAccess(path, "creating the file");
            long id = Hdf5Library.Check(Hdf5Native.H5Fcreate(path, Hdf5Native.H5F_ACC_TRUNC, Hdf5Native.H5P_DEFAULT, fapl.Id), path, "creating the file");
            return new Hdf5File(new Hdf5Handle(id, Hdf5HandleKind.File), path);
        }
    }

    /// <summary>Writes buffered data to disk (H5F_SCOPE_LOCAL).</summary>
    public void Flush()
    {
        lock (Hdf5Library.Gate)
        {
            Hdf5Library.Check(Hdf5Native.H5Fflush(_handle.Id, 0), FileName, "flushing");
        }
    }

    /// <summary>Writes an unsigned 32-bit attribute on the root group.</summary>
    public void WriteUInt32Attribute(string name, ReadOnlySpan<uint> values) => Hdf5Attributes.WriteUInt32(_handle.Id, name, values, FileName);
}
