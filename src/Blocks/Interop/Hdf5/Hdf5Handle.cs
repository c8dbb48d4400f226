using System.Runtime.InteropServices;

namespace HybridLfp.Streaming.Blocks.Interop.Hdf5;

/// <summary>What an <see cref="Hdf5Handle"/> refers to; selects the matching H5*close function.</summary>
internal enum Hdf5HandleKind
{
    File,
    Group,
    Object,
    Dataset,
    Dataspace,
    Datatype,
    Attribute,
    PropertyList,
}

/// <summary>
/// Owns one HDF5 id (<c>hid_t</c>, 64-bit) and closes it exactly once, also on finalisation.
/// Threading: closing takes <see cref="Hdf5Library.Gate"/>; use from one thread at a time.
/// </summary>
internal sealed class Hdf5Handle : SafeHandle
{
    public Hdf5HandleKind Kind { get; }

    public Hdf5Handle(long id, Hdf5HandleKind kind)
        : base(0, ownsHandle: true)
    {
        SetHandle((nint)id);
        Kind = kind;
    }

    /// <summary>The raw id to pass to libhdf5.</summary>
    public long Id => handle;

    public override bool IsInvalid => handle <= 0;

    protected override bool ReleaseHandle()
    {
        lock (Hdf5Library.Gate)
        {
            long id = handle;
            int rc = Kind switch
            {
                Hdf5HandleKind.File => Hdf5Native.H5Fclose(id),
                Hdf5HandleKind.Group => Hdf5Native.H5Gclose(id),
                Hdf5HandleKind.Object => Hdf5Native.H5Oclose(id),
                Hdf5HandleKind.Dataset => Hdf5Native.H5Dclose(id),
                Hdf5HandleKind.Dataspace => Hdf5Native.H5Sclose(id),
                Hdf5HandleKind.Datatype => Hdf5Native.H5Tclose(id),
                Hdf5HandleKind.Attribute => Hdf5Native.H5Aclose(id),
                Hdf5HandleKind.PropertyList => Hdf5Native.H5Pclose(id),
                _ => -1,
            };
            if (rc < 0)
            {
                Hdf5Native.H5Eclear2(Hdf5Native.H5E_DEFAULT);
            }

            return rc >= 0;
        }
    }
}
