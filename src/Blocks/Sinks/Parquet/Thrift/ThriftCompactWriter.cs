using System.Buffers;
using System.Text;

namespace HybridLfp.Streaming.Blocks.Sinks.Parquet.Thrift;

/// <summary>
/// Encoder for the Thrift compact protocol, limited to what Parquet's FileMetaData and PageHeader need: structs
/// (field ids as deltas from the previous field of the same struct), zigzag varint i16/i32/i64, binary/strings
/// (varint length + bytes), lists and bool fields (value carried in the field header's type nibble).
/// Not thread-safe; writes into a caller-owned <see cref="IBufferWriter{T}"/>.
/// </summary>
public sealed class ThriftCompactWriter
{
    private readonly IBufferWriter<byte> _output;

    // Last field id of every open struct: the compact protocol writes field ids as deltas within a struct.
    private readonly Stack<short> _lastFieldIds = new();
    private short _lastFieldId;

    public ThriftCompactWriter(IBufferWriter<byte> output)
    {
        _output = output;
    }

    /// <summary>Opens a struct (the top-level message or a nested field/list element).</summary>
    public void WriteStructBegin()
    {
        _lastFieldIds.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    /// <summary>Closes the current struct with the stop byte 0x00.</summary>
    public void WriteStructEnd()
    {
        if (_lastFieldIds.Count == 0)
        {
            throw new InvalidOperationException("WriteStructEnd without a matching WriteStructBegin.");
        }

        WriteByte(0);
        _lastFieldId = _lastFieldIds.Pop();
    }

    /// <summary>
    /// Field header: one byte (delta &lt;&lt; 4 | type) when the id is 1–15 above the previous field id, otherwise the
    /// type byte followed by the id as a zigzag varint i16.
    /// </summary>
    public void WriteFieldBegin(short fieldId, ThriftCompactType type)
    {
        if (fieldId <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(fieldId), fieldId, "Thrift field ids are positive.");
        }

        var delta = fieldId - _lastFieldId;
        if (delta is > 0 and <= 15)
        {
            WriteByte((byte)((delta << 4) | (byte)type));
        }
        else
        {
            WriteByte((byte)type);
            WriteVarint(ZigZag(fieldId));
        }

        _lastFieldId = fieldId;
    }

    public void WriteI16Field(short fieldId, short value)
    {
        WriteFieldBegin(fieldId, ThriftCompactType.I16);
        WriteI32(value);
    }

    public void WriteI32Field(short fieldId, int value)
    {
        WriteFieldBegin(fieldId, ThriftCompactType.I32);
        WriteI32(value);
    }

    public void WriteI64Field(short fieldId, long value)
    {
        WriteFieldBegin(fieldId, ThriftCompactType.I64);
        WriteI64(value);
    }

    public void WriteBinaryField(short fieldId, ReadOnlySpan<byte> value)
    {
        WriteFieldBegin(fieldId, ThriftCompactType.Binary);
        WriteBinary(value);
    }

    public void WriteStringField(short fieldId, string value)
    {
        WriteFieldBegin(fieldId, ThriftCompactType.Binary);
        WriteString(value);
    }

    /// <summary>A bool field is its header alone: type nibble 1 (true) or 2 (false).</summary>
    public void WriteBoolField(short fieldId, bool value) =>
        WriteFieldBegin(fieldId, value ? ThriftCompactType.BooleanTrue : ThriftCompactType.BooleanFalse);

    /// <summary>Begins a struct-valued field; close it with <see cref="WriteStructEnd"/>.</summary>
    public void WriteStructFieldBegin(short fieldId)
    {
        WriteFieldBegin(fieldId, ThriftCompactType.Struct);
        WriteStructBegin();
    }

    /// <summary>Begins a list-valued field; the elements follow.</summary>
    public void WriteListFieldBegin(short fieldId, ThriftCompactType elementType, int count)
    {
        WriteFieldBegin(fieldId, ThriftCompactType.List);
        WriteListBegin(elementType, count);
    }

    /// <summary>List header: one byte (count &lt;&lt; 4 | type) for fewer than 15 elements, else 0xF0 | type then a varint count.</summary>
    public void WriteListBegin(ThriftCompactType elementType, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count < 15)
        {
            WriteByte((byte)((count << 4) | (byte)elementType));
        }
        else
        {
            WriteByte((byte)(0xF0 | (byte)elementType));
            WriteVarint((uint)count);
        }
    }

    public void WriteI32(int value) => WriteVarint(ZigZag(value));

    public void WriteI64(long value) => WriteVarint(ZigZag(value));

    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteVarint((uint)value.Length);
        var span = _output.GetSpan(value.Length);
        value.CopyTo(span);
        _output.Advance(value.Length);
    }

    /// <summary>A string is binary holding its UTF-8 bytes.</summary>
    public void WriteString(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteVarint((uint)length);
        var span = _output.GetSpan(length);
        Encoding.UTF8.GetBytes(value, span);
        _output.Advance(length);
    }

    private static uint ZigZag(int value) => (uint)((value << 1) ^ (value >> 31));

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private void WriteVarint(ulong value)
    {
        // ULEB128: 7 bits per byte, least significant group first, high bit = more bytes follow.
        var span = _output.GetSpan(10);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[n++] = (byte)value;
        _output.Advance(n);
    }

    private void WriteByte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        _output.Advance(1);
    }
}
