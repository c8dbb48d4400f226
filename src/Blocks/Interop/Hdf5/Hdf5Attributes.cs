using System.Text;

namespace HybridLfp.Streaming.Blocks.Interop.Hdf5;

/// <summary>
/// Reads and writes the small scalar attributes SONATA uses: text (fixed or variable length), enums and unsigned
/// integers. Callers hold no lock; each method takes <see cref="Hdf5Library.Gate"/>.
/// </summary>
internal static unsafe class Hdf5Attributes
{
    public static bool Exists(long objectId, string name, string fileName)
    {
        lock (Hdf5Library.Gate)
        {
            return Hdf5Library.Check(Hdf5Native.H5Aexists(objectId, name), fileName, $"looking for attribute '{name}'") > 0;
        }
    }

    /// <summary>
    /// The attribute's value as text: strings are returned as stored, enums as their member name, integers in
    /// decimal. Null when the attribute is absent.
    /// </summary>
    public static string? ReadAsText(long objectId, string name, string fileName)
    {
        var g = Hdf5Library.Globals;
        lock (Hdf5Library.Gate)
        {
            if (Hdf5Library.Check(Hdf5Native.H5Aexists(objectId, name), fileName, $"looking for attribute '{name}'") == 0)
            {
                return null;
            }

            string what = $"reading attribute '{name}'";
            using var attribute = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Aopen(objectId, name, Hdf5Native.H5P_DEFAULT), fileName, what), Hdf5HandleKind.Attribute);
            using var type = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Aget_type(attribute.Id), fileName, what), Hdf5HandleKind.Datatype);
            int typeClass = (int)Hdf5Library.Check(Hdf5Native.H5Tget_class(type.Id), fileName, what);
            switch (typeClass)
            {
                case Hdf5Native.H5T_STRING:
                    return ReadString(attribute.Id, type.Id, fileName, what);
                case Hdf5Native.H5T_ENUM:
                {
                    nuint size = Hdf5Native.H5Tget_size(type.Id);
                    if (size == 0 || size > 8)
                    {
                        throw new Hdf5Exception(fileName, what, "enum of unsupported size");
                    }

                    ulong raw = 0;
                    Hdf5Library.Check(Hdf5Native.H5Aread(attribute.Id, type.Id, &raw), fileName, what);
                    byte* buffer = stackalloc byte[256];
                    if (Hdf5Native.H5Tenum_nameof(type.Id, &raw, buffer, 256) < 0)
                    {
                        Hdf5Library.TakeErrorStack();
                        return $"{raw}";
                    }

                    return Encoding.UTF8.GetString(new ReadOnlySpan<byte>(buffer, IndexOfNul(buffer, 256)));
                }

                case Hdf5Native.H5T_INTEGER:
                {
                    long value = 0;
                    Hdf5Library.Check(Hdf5Native.H5Aread(attribute.Id, g.NativeInt64, &value), fileName, what);
                    return value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                default:
                    throw new Hdf5Exception(fileName, what, $"attribute has HDF5 type class {typeClass}; expected a string or an enum");
            }
        }
    }

    private static string ReadString(long attributeId, long fileType, string fileName, string what)
    {
        if (Hdf5Native.H5Tis_variable_str(fileType) > 0)
        {
            // The file's own type as memory type: HDF5 does not convert between ASCII and UTF-8 character sets.
            nint pointer = 0;
            Hdf5Library.Check(Hdf5Native.H5Aread(attributeId, fileType, &pointer), fileName, what);
            try
            {
                return System.Runtime.InteropServices.Marshal.PtrToStringUTF8(pointer) ?? string.Empty;
            }
            finally
            {
                Hdf5Native.H5free_memory(pointer);
            }
        }

        int size = (int)Hdf5Native.H5Tget_size(fileType);
        var bytes = new byte[Math.Max(size, 1)];
        fixed (byte* p = bytes)
        {
            Hdf5Library.Check(Hdf5Native.H5Aread(attributeId, fileType, p), fileName, what);
            return Encoding.UTF8.GetString(bytes, 0, IndexOfNul(p, size));
        }
    }

    private static int IndexOfNul(byte* p, int length)
    {
        int i = 0;
        while (i < length && p[i] != 0)
        {
            i++;
        }

        return i;
    }

    /// <summary>Writes a scalar variable-length UTF-8 string attribute (read back as text by h5py and libsonata).</summary>
    public static void WriteUtf8(long objectId, string name, string value, string fileName, bool replace = false)
    {
        var g = Hdf5Library.Globals;
        string what = $"writing attribute '{name}'";
        var utf8 = Encoding.UTF8.GetBytes(value + "\0");
        lock (Hdf5Library.Gate)
        {
            if (replace && Hdf5Library.Check(Hdf5Native.H5Aexists(objectId, name), fileName, what) > 0)
            {
                Hdf5Library.Check(Hdf5Native.H5Adelete(objectId, name), fileName, what);
            }

            using var type = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Tcopy(g.CString), fileName, what), Hdf5HandleKind.Datatype);
            Hdf5Library.Check(Hdf5Native.H5Tset_size(type.Id, Hdf5Native.H5T_VARIABLE), fileName, what);
            Hdf5Library.Check(Hdf5Native.H5Tset_cset(type.Id, Hdf5Native.H5T_CSET_UTF8), fileName, what);
            using var space = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Screate(Hdf5Native.H5S_SCALAR), fileName, what), Hdf5HandleKind.Dataspace);
            using var attribute = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Acreate2(objectId, name, type.Id, space.Id, Hdf5Native.H5P_DEFAULT, Hdf5Native.H5P_DEFAULT), fileName, what), Hdf5HandleKind.Attribute);
            fixed (byte* p = utf8)
            {
                nint pointer = (nint)p;
                Hdf5Library.Check(Hdf5Native.H5Awrite(attribute.Id, type.Id, &pointer), fileName, what);
            }
        }
    }

    /// <summary>Writes a scalar enum attribute with an unsigned 8-bit base type (SONATA's <c>sorting</c>).</summary>
    public static void WriteEnumU8(long objectId, string name, IReadOnlyList<(string Name, byte Value)> members, byte value, string fileName)
    {
        var g = Hdf5Library.Globals;
        string what = $"writing attribute '{name}'";
        lock (Hdf5Library.Gate)
        {
            using var type = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Tenum_create(g.StdU8Le), fileName, what), Hdf5HandleKind.Datatype);
            foreach (var (memberName, memberValue) in members)
            {
                byte v = memberValue;
                Hdf5Library.Check(Hdf5Native.H5Tenum_insert(type.Id, memberName, &v), fileName, what);
            }

            using var space = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Screate(Hdf5Native.H5S_SCALAR), fileName, what), Hdf5HandleKind.Dataspace);
            using var attribute = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Acreate2(objectId, name, type.Id, space.Id, Hdf5Native.H5P_DEFAULT, Hdf5Native.H5P_DEFAULT), fileName, what), Hdf5HandleKind.Attribute);
            byte stored = value;
            Hdf5Library.Check(Hdf5Native.H5Awrite(attribute.Id, type.Id, &stored), fileName, what);
        }
    }

    /// <summary>Writes an unsigned 32-bit attribute: scalar for one value, a 1-D array otherwise.</summary>
    public static void WriteUInt32(long objectId, string name, ReadOnlySpan<uint> values, string fileName)
    {
        var g = Hdf5Library.Globals;
        string what = $"writing attribute '{name}'";
        lock (Hdf5Library.Gate)
        {
            ulong n = (ulong)values.Length;
            long spaceId = values.Length == 1 ? Hdf5Native.H5Screate(Hdf5Native.H5S_SCALAR) : Hdf5Native.H5Screate_simple(1, &n, null);
            using var space = new Hdf5Handle(Hdf5Library.Check(spaceId, fileName, what), Hdf5HandleKind.Dataspace);
            using var attribute = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Acreate2(objectId, name, g.StdU32Le, space.Id, Hdf5Native.H5P_DEFAULT, Hdf5Native.H5P_DEFAULT), fileName, what), Hdf5HandleKind.Attribute);
            fixed (uint* p = values)
            {
                Hdf5Library.Check(Hdf5Native.H5Awrite(attribute.Id, g.NativeUInt32, p), fileName, what);
            }
        }
    }

    /// <summary>Writes a scalar IEEE 64-bit little-endian float attribute (h5py reads it as a numpy float64).</summary>
    public static void WriteDouble(long objectId, string name, double value, string fileName)
    {
        var g = Hdf5Library.Globals;
        string what = $"writing attribute '{name}'";
        lock (Hdf5Library.Gate)
        {
            using var space = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Screate(Hdf5Native.H5S_SCALAR), fileName, what), Hdf5HandleKind.Dataspace);
            using var attribute = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Acreate2(objectId, name, g.IeeeF64Le, space.Id, Hdf5Native.H5P_DEFAULT, Hdf5Native.H5P_DEFAULT), fileName, what), Hdf5HandleKind.Attribute);
            double stored = value;
            Hdf5Library.Check(Hdf5Native.H5Awrite(attribute.Id, g.NativeDouble, &stored), fileName, what);
        }
    }

    /// <summary>Reads a scalar numeric attribute converted to double; null when absent.</summary>
    public static double? ReadDouble(long objectId, string name, string fileName)
    {
        var g = Hdf5Library.Globals;
        string what = $"reading attribute '{name}'";
        lock (Hdf5Library.Gate)
        {
            if (Hdf5Library.Check(Hdf5Native.H5Aexists(objectId, name), fileName, $"looking for attribute '{name}'") == 0)
            {
                return null;
            }

            using var attribute = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Aopen(objectId, name, Hdf5Native.H5P_DEFAULT), fileName, what), Hdf5HandleKind.Attribute);
            using var type = new Hdf5Handle(Hdf5Library.Check(Hdf5Native.H5Aget_type(attribute.Id), fileName, what), Hdf5HandleKind.Datatype);
            int typeClass = (int)Hdf5Library.Check(Hdf5Native.H5Tget_class(type.Id), fileName, what);
            if (typeClass is not (Hdf5Native.H5T_FLOAT or Hdf5Native.H5T_INTEGER))
            {
                throw new Hdf5Exception(fileName, what, $"attribute has HDF5 type class {typeClass}; expected a number");
            }

            double value = 0;
            Hdf5Library.Check(Hdf5Native.H5Aread(attribute.Id, g.NativeDouble, &value), fileName, what);
            return value;
        }
    }
}
